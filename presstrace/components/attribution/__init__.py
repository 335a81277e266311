"""The attribution layers: quotes with their speakers, claims with their sources, and the
article's sourcing profile."""
