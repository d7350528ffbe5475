"""Maps: where places are (a bundled gazetteer) and the country outlines drawn under them."""
