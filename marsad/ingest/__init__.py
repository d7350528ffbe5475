"""Reading articles in the forms people have them, and storing them safely."""
