"""The tone layer: GDELT's tone fields per article, sentence and entity."""
