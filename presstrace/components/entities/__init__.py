"""The entities layer: spaCy's NER corrected, mentions clustered into entities, pronouns
resolved."""
