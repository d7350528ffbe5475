"""Click commands, one module per layer; ``marsad.cli`` registers them."""
