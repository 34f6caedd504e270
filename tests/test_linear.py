"""LinearModel (newsclean/linear.py): the one linear scorer of stages content and captions."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from newsclean.linear import LinearModel
from newsclean.resources import data_file

MODEL = LinearModel({"short": 1.5, "one_sentence": 1.0, "past": -2.0}, bias=-0.5, threshold=0.75)


def test_score_is_the_bias_plus_the_weighted_values():
    assert MODEL.score({"short": 1.0, "one_sentence": 1.0, "past": 0.5}) == -0.5 + (1.5 + 1.0 - 1.0)


def test_a_feature_without_a_weight_or_of_value_zero_adds_nothing():
    assert MODEL.score({"short": 1.0, "unknown": 7.0, "past": 0.0}) == 1.0
    assert MODEL.score({}) == MODEL.bias


def test_score_sums_in_the_features_order():
    # (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3) in floating point: the order is the features'
    m = LinearModel({"a": 1.0, "b": 1.0, "c": 1.0})
    assert m.score({"a": 0.1, "b": 0.2, "c": 0.3}) == (0.1 + 0.2) + 0.3
    assert m.score({"c": 0.3, "b": 0.2, "a": 0.1}) == (0.3 + 0.2) + 0.1


def test_decision_is_a_score_strictly_over_the_threshold():
    at = LinearModel({"x": 1.0}, bias=0.0, threshold=1.0)
    assert not at.decide({"x": 1.0}) and at.decide({"x": 1.5}) and not at.decide({})
    assert at.passes(1.01) and not at.passes(1.0)


def test_probability_is_the_logistic_of_the_score_clipped():
    m = LinearModel({"x": 1.0})
    assert m.probability({}) == 0.5
    assert math.isclose(m.probability({"x": 2.0}), 1 / (1 + math.exp(-2.0)))
    assert m.probability({"x": 1e6}) == m.probability({"x": 30.0}) < 1.0


@given(st.floats(allow_nan=False) | st.sampled_from([30.0, -30.0, 29.999999999999996, -29.999999999999996]))
def test_logistic_clips_as_min_and_max_would(z):
    # (logistic clips by comparisons, not by calls of min and max: the same float)
    from newsclean.linear import LOGIT_CLIP, logistic
    assert logistic(z) == 1.0 / (1.0 + math.exp(-max(-LOGIT_CLIP, min(LOGIT_CLIP, z))))


def test_explain_lists_the_features_that_count_largest_part_first():
    assert MODEL.explain({"past": 1.0, "short": 1.0, "one_sentence": 1.0, "long": 1.0}) == \
        "short +1.5, one sentence +1.0, past -2.0"
    assert MODEL.explain({"short": 0.0}) == ""


def test_groups_read_apart_explain_as_the_whole_model_does():
    """A model read a group at a time words its reason from the groups' contributions as
    explain words it from all the features at once; a value of 0 counts in neither."""
    from newsclean.linear import explained
    shape, words = MODEL.group(("short", "one_sentence")), MODEL.group(("past",))
    parts = shape.contributions((1.0, 0.0)) + words.contributions((1.0,))
    assert explained(parts) == MODEL.explain({"short": 1.0, "one_sentence": 0.0, "past": 1.0}) == "short +1.5, past -2.0"
    assert explained(shape.contributions((0.0, 0.0))) == ""


def test_from_table_reads_a_files_model_or_its_second_one():
    table = {"bias": -1.0, "threshold": 0.5, "weights": {"a": 2.0}, "title_bias": -4.0, "title_weights": {"b": 1.0}}
    assert LinearModel.from_table(table) == LinearModel({"a": 2.0}, -1.0, 0.5)
    assert LinearModel.from_table(table, "title_") == LinearModel({"b": 1.0}, -4.0, 0.0)
    assert LinearModel.from_table({}) == LinearModel({}, 0.0, 0.0)


def test_the_shipped_weight_files_load_as_models():
    captions = LinearModel.from_table(data_file("captions.toml"))
    assert captions.threshold > 0 and captions.weights["short"] > 0
    content = data_file("content_model.toml")
    assert LinearModel.from_table(content).weights and LinearModel.from_table(content, "title_").bias


def test_a_group_scores_its_part_and_knows_the_most_it_can_add():
    g = MODEL.group(("past", "short"))
    assert g.weights == (-2.0, 1.5) and g.most == 1.5
    assert g.score((1.0, 1.0)) == -0.5
    assert g.named((1.0, 0.0)) == {"past": 1.0, "short": 0.0}


@given(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3), st.integers(0, 3))
def test_the_early_exit_never_contradicts_the_full_score(values, read):
    # once the score so far plus the most the unread features can add is at or under
    # the threshold, the full score is too
    names = ("short", "one_sentence", "past")
    first, rest = MODEL.group(names[:read]), MODEL.group(names[read:])
    partial = MODEL.bias + first.score(values[:read])
    if MODEL.cannot_pass(partial, rest.most):
        assert not MODEL.passes(partial + rest.score(values[read:]))
