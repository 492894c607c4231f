using System.Text;
using Extractor.Readers;
using Extractor.Readers.Text;
using Extractor.Results;

namespace Extractor.Tests;

public class TextReaderTests
{
    private static string SeedText => File.ReadAllText(TestPaths.TestData("text", "seed-juandong-town-2023.txt"));

    public static TheoryData<string> Encodings() => ["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16le", "utf-16be-bom", "gb18030"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decode_FindsTheEncoding_WithoutBeingTold(string encoding)
    {
        var bytes = Encode(SeedText, encoding);

        var (text, _) = TextDecoder.Decode(bytes);

        Assert.Equal(SeedText.TrimStart('\uFEFF'), text.TrimStart('\uFEFF'));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Extract_ReadsSeed_InEveryEncoding(string encoding)
    {
        var result = new DocumentExtractor().Extract(Encode(SeedText, encoding), "seed.txt");

        Assert.Equal("卷硐镇", result.Report.Agency);
        Assert.All(result.Fields.Values, f => Assert.Equal(FieldStatus.Ok, f.Status));
    }

    [Fact]
    public void Extract_SplitsRunTogetherRow_WhenArithmeticMakesItUnique()
    {
        // "72000110": only 7/2/0/0/0/1/10 has a total equal to the sum of the six columns
        // (numbers are never printed with a leading zero).
        var text = Report("一、本年新收政府信息公开申请数量72000110");
        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(text), "glued.txt");

        var row = Columns.Select(c => result.Fields[$"applications.newReceived.{c}"]).ToList();
        Assert.Equal(new decimal?[] { 7, 2, 0, 0, 0, 1, 10 }, row.Select(f => f.Value));
        Assert.All(row, f => Assert.Contains(Flags.SplitByArithmetic, f.Flags));
    }

    [Fact]
    public void Extract_LeavesRunTogetherRowForReview_WhenTwoSplitsAddUp()
    {
        // "123001016" is 1/2/3/0/0/10/16 or 12/3/0/0/1/0/16: both add up, so neither is chosen.
        var text = Report("一、本年新收政府信息公开申请数量123001016");
        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(text), "glued.txt");

        var natural = result.Fields["applications.newReceived.natural"];
        Assert.Null(natural.Value);
        Assert.Equal(FieldStatus.Review, natural.Status);
        Assert.Equal(new decimal[] { 1, 12 }, natural.Evidence!.Alternatives!.Order());
        // Where every split agrees (the total), the figure is read.
        Assert.Equal(16m, result.Fields["applications.newReceived.total"].Value);
    }

    private static readonly string[] Columns = ["natural", "commercial", "research", "socialWelfare", "legalService", "other", "total"];

    [Fact]
    public void Extract_FlagsRunTogetherRow_WhenSplitIsNotUnique()
    {
        var text = Report("行政规范性文件693665");
        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(text), "glued.txt");

        var issued = result.Fields["active.normativeDocuments.issued"];
        Assert.Null(issued.Value);
        Assert.Equal(FieldStatus.Review, issued.Status);
        Assert.Contains(Flags.SplitAmbiguous, issued.Flags);
        Assert.Contains(69m, issued.Evidence!.Alternatives!);
    }

    [Fact]
    public void Extract_SplitsRunTogetherRow_UniquelyForSingleDigits()
    {
        var text = Report("规章000", "行政规范性文件\t1\t0\t5");
        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(text), "glued.txt");

        Assert.Equal(0m, result.Fields["active.regulations.inForce"].Value);
        Assert.Equal(5m, result.Fields["active.normativeDocuments.inForce"].Value);
    }

    [Fact]
    public void Read_RebuildsRows_FromOneCellPerLine()
    {
        var lines = new List<string> { "二、主动公开政府信息情况", "第二十条第（一）项", "|", "信息内容", "|", "本年制发件数", "|", "本年废止件数", "|", "现行有效件数", "|" };
        foreach (var (label, values) in new[] { ("规章", new[] { "1", "0", "7" }), ("行政规范性文件", ["3", "1", "12"]) })
        {
            lines.Add(label);
            lines.Add("|");
            foreach (var v in values)
            {
                lines.Add(v);
                lines.Add("|");
            }
        }
        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(string.Join("\n", lines)), "cells.txt");

        Assert.Equal(7m, result.Fields["active.regulations.inForce"].Value);
        Assert.Equal(3m, result.Fields["active.normativeDocuments.issued"].Value);
        Assert.Equal(12m, result.Fields["active.normativeDocuments.inForce"].Value);
    }

    private static string Report(params string[] rows) =>
        "某某镇人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        + string.Join("\n", rows) + "\n";

    private static byte[] Encode(string text, string encoding)
    {
        text = text.TrimStart('\uFEFF');
        return encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "gb18030" => TextDecoder.Gb18030.GetBytes(text),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
    }
}
