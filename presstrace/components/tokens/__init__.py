"""Token-level preparation before the layers: the memoised attribute ruler and sentence
starts at paragraph breaks."""
