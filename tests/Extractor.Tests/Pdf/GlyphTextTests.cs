using Extractor.Readers.Pdf;

namespace Extractor.Tests.Pdf;

public class GlyphTextTests
{
    [Theory]
    [InlineData("⼯作", "工作")]         // Kangxi radical U+2F2F
    [InlineData("⼀件", "一件")]         // U+2F00
    [InlineData("⾏政", "行政")]         // U+2F8F
    [InlineData("⼈⺠", "人民")]         // ⺠ U+2EA0: not folded by NFKC, mapped explicitly
    [InlineData("⻓度⻔户⻚⻛", "长度门户页风")]
    [InlineData("\u2329条例\u232A", "〈条例〉")]
    public void Normalize_RepairsRadicals_WhenToUnicodeMapsToThem(string raw, string expected)
    {
        Assert.Equal(expected, GlyphText.Normalize(raw));
    }

    [Fact]
    public void Normalize_KeepsFullWidthPunctuationAndDigits_WhenTextIsRegular()
    {
        const string text = "（二）部分公开，只计这一情形：１２件";
        Assert.Equal(text, GlyphText.Normalize(text));
    }

    [Theory]
    [InlineData("12", true)]
    [InlineData("7730.28", true)]
    [InlineData("1,234", true)]
    [InlineData("１２", true)]
    [InlineData("-3-", false)]
    [InlineData("2023年", false)]
    [InlineData("", false)]
    public void IsNumber_RecognisesPrintedFigures_WhenCellTextGiven(string text, bool expected)
    {
        Assert.Equal(expected, GlyphText.IsNumber(text));
    }
}
