"""Text marked up for the page: the asked words lit, each run of Chinese said to be Chinese."""

from service.http.marking import highlight, lang_runs


def test_highlight_escapes_before_marking():
    marked = str(highlight('a<b & "amp" 地区 GDP', ["amp", "地区", "gdp", "<b"]))
    assert marked == "a<mark>&lt;b</mark> &amp; &#34;<mark>amp</mark>&#34; <mark>地区</mark> <mark>GDP</mark>"
    assert str(highlight("<i>x</i>", [])) == "&lt;i&gt;x&lt;/i&gt;"


def test_a_figure_is_marked_where_it_stands_not_inside_a_longer_number():
    marked = str(highlight("较2019年同期增长4.7%，全年增长7%，达17%", ["7%"]))
    assert marked == "较2019年同期增长4.7%，全年增长<mark>7%</mark>，达17%"
    assert str(highlight("编号20215，2021年", ["2021"])) == "编号20215，<mark>2021</mark>年"


def test_chinese_inside_english_is_marked_with_its_figures_and_quotes():
    marked = str(lang_runs("GDP (地区生产总值): RMB 77.9 billion (779.43亿元), up (7%以上); 按下“加速键”", "zh-Hant"))
    assert (
        '<span lang="zh-Hant">(地区生产总值)</span>' in marked and '<span lang="zh-Hant">(779.43亿元)</span>' in marked
    )
    assert '<span lang="zh-Hant">(7%以上)</span>' in marked and '<span lang="zh-Hant">按下“加速键”</span>' in marked
    assert "RMB 77.9 billion" in marked and str(lang_runs("<b>&", "zh-Hans")) == "&lt;b&gt;&amp;"
