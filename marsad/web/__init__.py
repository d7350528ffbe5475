"""HTTP API and Arabic web app (``marsad serve``); ``create_app`` builds the FastAPI app."""
