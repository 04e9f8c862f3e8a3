"""Segmentation and the bilingual lexicon of the matching engine."""

from collections import Counter

from matching.engine import lexicon, text


def features_of(raw: str) -> Counter:
    features: Counter = Counter()
    text.add_text(features, raw, 1.0)
    return features


def test_chinese_text_gives_words_subwords_and_bigrams():
    features = features_of("钠离子电池硬碳负极材料")
    assert "z:钠离子电池" in features  # a glossary term stays whole
    assert "z:负极" in features
    assert "b:硬碳" in features
    assert "z:的" not in features_of("电池的负极")


def test_english_text_is_lowercased_stemmed_and_stripped_of_stop_words():
    features = features_of("We need Recycling of the spent Batteries")
    assert "e:recycl" in features
    assert "e:batteri" in features
    assert "e:the" not in features and "e:need" not in features
    # pairs never bridge a removed word
    assert "p:recycl_spent" not in features
    assert "p:spent_batteri" in features


def test_british_and_american_spellings_meet():
    assert text.stem("fibre") == text.stem("fiber")
    assert text.stem("aluminium") == text.stem("aluminum")


def test_chinese_words_reach_the_english_pivot_through_the_glossary():
    features = features_of("激光雷达点云")
    assert "e:lidar" in features
    assert "p:point_cloud" in features


def test_chinese_words_reach_the_english_pivot_through_cc_cedict():
    senses, curated = lexicon.translate("雷达")
    assert senses == ("radar",) and not curated
    assert "e:radar" in features_of("雷达")


def test_the_glossary_wins_over_cc_cedict():
    senses, curated = lexicon.translate("直播")
    assert curated
    assert "live streaming" in senses


def test_cc_cedict_ships_in_the_package_and_is_parsed_once():
    first = lexicon.cedict()
    assert len(first) > 50_000
    assert lexicon.cedict() is first
    assert first["激光"] == ("laser",)
    assert first["雷达"] == ("radar",)


def test_cc_cedict_lines_are_cleaned_into_short_senses():
    lines = [
        "# comment\n",
        "激光 激光 [ji1 guang1] /laser/\n",
        "滑坡 滑坡 [hua2 po1] /rockslide/landslip/(fig.) downward trend; decline/\n",
        "個 个 [ge4] /individual/CL:個|个/\n",
        "钢渣 钢渣 [gang1 zha1] /variant of 鋼渣/\n",
        "概述 概述 [gai4 shu4] /to summarize; a general overview of the whole subject at hand today/\n",
    ]
    table = lexicon.parse_cedict(lines)
    assert table["激光"] == ("laser",)
    assert table["滑坡"] == ("rockslide", "landslip")  # the first senses are the common ones
    assert "个" not in table  # single characters are too ambiguous
    assert "钢渣" not in table  # cross-references carry no English
    assert table["概述"] == ("summarize",)


def test_glossary_lines_are_parsed_and_bad_lines_name_their_number():
    table = lexicon.parse_glossary(["# header\n", "\n", "钢渣\tsteel slag|BOF slag\n"])
    assert table == {"钢渣": ("steel slag", "bof slag")}
    try:
        lexicon.parse_glossary(["钢渣 steel slag\n"])
    except ValueError as error:
        assert "line 1" in str(error)
    else:
        raise AssertionError("a line without a tab must be refused")


def test_the_shipped_glossary_is_well_formed():
    table = lexicon.glossary()
    assert len(table) > 200
    assert all(senses and all(sense == sense.lower() for sense in senses) for senses in table.values())


def test_explanation_labels_come_from_the_glossary_in_reverse():
    assert lexicon.english_to_chinese()["point cloud"] == "点云"


def test_english_words_reach_the_senses_their_chinese_translation_is_given():
    # 废水 is translated "wastewater": an English text saying "effluent" must meet it too.
    features = features_of("dye-house effluent")
    assert features["e:wastewat"] > 0
    assert features["e:wastewat"] < features["e:effluent"]
    assert "e:wastewat" in features_of("印染废水")
