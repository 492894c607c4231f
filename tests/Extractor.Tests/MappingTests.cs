using System.Text;
using Extractor.Mapping.Rules;
using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Tests;

public class MappingTests
{
    [Theory]
    [InlineData("(三) 不予公开", "不予公开", null)]
    [InlineData("1、其他", "其他", "1")]
    [InlineData("2．重复申请", "重复申请", "2")]
    [InlineData("3.危及“三安全一稳定”", "危及三安全一稳定", "3")]
    [InlineData("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开区分处理的只计这一情形不计其他情形", null)]
    public void Normalize_SplitsNumberingAndDropsPunctuation(string label, string core, string? number)
    {
        var n = LabelNormalizer.Normalize(label);

        Assert.Equal(core, n.Core);
        Assert.Equal(number, n.Number);
    }

    [Theory]
    [InlineData("5.属于三类内容事务信息", "deniedInternalAffairs")]
    [InlineData("2.其他法律行政止公开", "deniedProhibitedByLaw")]
    [InlineData("无法提供 2.没有现成信息需要另行制作", "unableNeedsCreation")]
    [InlineData("（七）总计", "resultsTotal")]
    [InlineData("3.其他", "otherOther")]
    public void Score_PrefersTheRightRow_ForVariantsSeenInRealReports(string label, string expectedKey)
    {
        var best = RowDictionary.ApplicationRows.MaxBy(r => LabelMatcher.Score([label], r).Score)!;

        Assert.Equal(expectedKey, best.Key);
    }

    [Fact]
    public void Extract_LeavesCollapsedOtherRowForReview_WhenItIsNotZero()
    {
        // Every row of 表三 zero, except: 3 new applications from natural persons, 1 granted, 2 in （六） printed as one row.
        var printed = new Dictionary<string, int> { ["newReceived"] = 3, ["granted"] = 1, ["resultsTotal"] = 3 };
        var rows = Template.ApplicationRows
            .Where(r => !r.Key.StartsWith("otherO", StringComparison.Ordinal))
            .Select(r => (r.Key, r.Label))
            .SelectMany(r => r.Key == "resultsTotal" ? new[] { ("collapsed", "（六）其他处理"), r } : [r])
            .Select(r =>
            {
                var n = r.Item1 == "collapsed" ? 2 : printed.GetValueOrDefault(r.Item1);
                return $"{r.Item2}\t{n}\t0\t0\t0\t0\t0\t{n}";
            });
        var text = "某某镇人民政府2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + string.Join("\n", rows);

        var result = new DocumentExtractor().Extract(Encoding.UTF8.GetBytes(text), "collapsed.txt");

        foreach (var sub in new[] { "otherOverdueCorrection", "otherOverdueFee", "otherOther" })
        {
            var natural = result.Fields[$"applications.{sub}.natural"];
            Assert.Null(natural.Value);
            Assert.Equal(FieldStatus.Review, natural.Status);
            Assert.Contains(Flags.CollapsedRow, natural.Flags);
            Assert.Equal(0m, result.Fields[$"applications.{sub}.commercial"].Value);
        }
        Assert.Equal(2m, result.Extra!["applications.otherCollapsed.natural"]);
        // The printed collapsed row stands for its sub-rows in the （七）总计 check: 1 + 2 = 3.
        Assert.True(result.Checks.Single(c => c.Id == "applications.resultsTotal.natural").Passed);
    }
}
