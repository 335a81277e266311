"""What several layers share: the Doc's layer store, names in the parse, quote marks,
speech verbs, reading the parse, the entity index, lexicon loading, number words, word
valences, the gazetteer handle and constants of English."""
