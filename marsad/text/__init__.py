"""Arabic text core: normalisation with offset maps, tokens, sentences, boilerplate."""
