from questionnaire.tokens import token_hash, token_make, token_matches


def test_tokens_are_unique_and_only_their_hash_matches():
    first, second = token_make(), token_make()
    assert first != second and len(first) >= 32
    assert token_matches(first, token_hash(first))
    assert not token_matches(second, token_hash(first))
    assert token_hash(first) != first
