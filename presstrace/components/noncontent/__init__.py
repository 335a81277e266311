"""The non-content layer: photo credits, bylines, datelines and boilerplate."""
