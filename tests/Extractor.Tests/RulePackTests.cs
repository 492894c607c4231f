using Extractor.Evaluation;
using Extractor.Results;
using Extractor.Validation;

namespace Extractor.Tests;

/// <summary>The graders' rule pack: its data, and each document rule on its fixtures in testdata/rules (scripts/testdata/make_rules.py).</summary>
public class RulePackTests
{
    private static ExtractionResult Extract(string name) => new DocumentExtractor().ExtractFile(TestPaths.TestData("rules", name));

    public static TheoryData<string> DocumentRules() =>
        [.. RulePack.Default.Rules.Where(r => r.Scope == "document").Select(r => r.Id)];

    [Fact]
    public void Default_IsVersioned_AndEveryRuleStatesItsBasisInChinese()
    {
        var pack = RulePack.Default;

        Assert.Matches(@"^\d{4}\.\d+\.\d+$", pack.Version);
        Assert.Equal(pack.Rules.Count, pack.Rules.Select(r => r.Id).Distinct().Count());
        foreach (var rule in pack.Rules)
        {
            Assert.Contains(rule.Severity, new[] { "error", "warning", "notice" });
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", rule.Title);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", rule.Message);
            Assert.False(string.IsNullOrWhiteSpace(rule.Basis), rule.Id);
        }
        // The rules the server evaluates across years and copies are in the pack.
        Assert.Equal("error", pack.Get("applications.carryOver").Severity);
        Assert.Equal("crossYear", pack.Get("applications.carryOver").Scope);
        Assert.Equal("warning", pack.Get("table2.inForce.carryOver").Severity);
        Assert.Equal("warning", pack.Get("prose.sameAsLastYear").Severity);
        Assert.Equal("crossCopy", pack.Get("copies.disagree").Scope);
        Assert.Null(pack.Find("no.such.rule"));
    }

    [Fact]
    public void Format_FillsThePlaceholders_AndKeepsAMissingOne()
    {
        var text = RulePack.Default.Format("prose.sameAsLastYear", new Dictionary<string, object?> { ["section"] = "一、总体情况", ["similarity"] = "0.97" });

        Assert.Equal("「一、总体情况」与 {lastYear} 年报告的相似度为 0.97", text);
    }

    [Fact]
    public void Parse_NamesTheSourceAndTheRule_OfABadPack()
    {
        var ex = Assert.Throws<InvalidDataException>(() => RulePack.Parse(
            """{ "version": "1", "rules": [ { "id": "x", "severity": "fatal", "scope": "document", "title": "甲", "message": "乙", "basis": "丙" } ] }""", "my-pack.json"));

        Assert.Contains("my-pack.json", ex.Message);
        Assert.Contains("rule x", ex.Message);
        Assert.Throws<InvalidDataException>(() => RulePack.Parse("{ \"rules\": [] }", "no-version.json"));
    }

    [Theory]
    [MemberData(nameof(DocumentRules))]
    public void FailingFixture_GivesExactlyItsRule_AndThePassingOneNone(string rule)
    {
        var failing = Extract($"{rule}.fail.txt");
        var passing = Extract($"{rule}.pass.txt");

        Assert.NotEmpty(failing.Findings);
        Assert.All(failing.Findings, f => Assert.Equal(rule, f.Rule));
        Assert.All(failing.Findings, f => Assert.Equal(RulePack.Default.Get(rule).Severity, f.Severity));
        Assert.All(failing.Findings, f => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.Message));
        Assert.Empty(passing.Findings);
        Assert.Equal(0, passing.Quality!.Errors + passing.Quality.Warnings + passing.Quality.Notices);
        var quality = failing.Quality!;
        Assert.Equal(RulePack.Default.Version, quality.RulePack);
        Assert.Equal(failing.Findings.Count, quality.Errors + quality.Warnings + quality.Notices);
        // Fields of an error finding are never ok; the figures stay as printed.
        var truth = TruthFile.Load(TruthFile.For(TestPaths.TestData("rules", $"{rule}.fail.txt"))!);
        foreach (var finding in failing.Findings)
        {
            foreach (var path in finding.Fields)
            {
                Assert.Equal(truth.Fields[path], failing.Fields[path].Value);
                if (finding.Severity == "error")
                {
                    Assert.NotEqual(FieldStatus.Ok, failing.Fields[path].Status);
                }
            }
        }
    }

    [Fact]
    public void Passages_CiteThePrintedText_OfTheirSection()
    {
        var result = Extract("prose.tableCount.fail.txt");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("正文称上年结转的申请 6 件，而表三「上年结转」总计为 5", finding.Message);
        Assert.Equal(["applications.carriedOver.total"], finding.Fields);
        var passage = Assert.Single(finding.Passages);
        Assert.Equal("overview", passage.Section);
        Assert.Equal("上年结转6件", passage.Text);
        Assert.Equal(passage.Text, result.Sections[passage.Section].Substring(passage.Offset, passage.Length));

        var period = Assert.Single(Extract("year.period.fail.txt").Findings);
        Assert.Equal("preamble", period.Passages[0].Section);
        Assert.Equal("2022年1月1日起至2022年12月31日", period.Passages[0].Text);
    }

    [Fact]
    public void FiveFaultReport_ShowsItsFourDocumentFaults_AndLastYearsReportNone()
    {
        var result = Extract("five-faults-2023.txt");

        Assert.Equal(["problems.empty", "prose.newReceived", "structure.chapters", "year.body"], result.Findings.Select(f => f.Rule).Order(StringComparer.Ordinal));
        Assert.Contains("未找到第四部分", result.Findings.Single(f => f.Rule == "structure.chapters").Message);
        Assert.Equal("收到政府信息公开申请176件", result.Findings.Single(f => f.Rule == "prose.newReceived").Passages.Single().Text);
        Assert.StartsWith("2022年，我镇坚持", result.Findings.Single(f => f.Rule == "year.body").Passages.Single().Text);
        Assert.Equal(67m, result.Fields["active.normativeDocuments.inForce"].Value);
        Assert.Empty(Extract("five-faults-2022.txt").Findings);
        Assert.Equal(53m, Extract("five-faults-2022.txt").Fields["active.normativeDocuments.inForce"].Value);
    }

    [Fact]
    public void Findings_AndQuality_SurviveTheResultJson()
    {
        var result = Extract("prose.tableCount.fail.txt");

        var json = ResultJson.Serialize(result);
        var back = ResultJson.Deserialize(json)!;

        Assert.Contains("\"findings\"", json);
        Assert.Contains("\"quality\"", json);
        Assert.Equal(result.Findings.Single().Message, back.Findings.Single().Message);
        Assert.Equal(result.Findings.Single().Passages.Single().Offset, back.Findings.Single().Passages.Single().Offset);
        Assert.Equal(1, back.Quality!.Warnings);
        Assert.Equal("2026.12.1", back.Quality.RulePack);
    }

    [Fact]
    public void Apply_OnAStoredResult_KeepsTheStructureFindings_AndTheServersCrossYearOnes()
    {
        var stored = ResultJson.Deserialize(ResultJson.Serialize(Extract("five-faults-2023.txt")))!;
        stored.Findings.Add(RulePack.Default.Finding("table2.inForce.carryOver", new Dictionary<string, object?>(), ["active.normativeDocuments.inForce"]));

        Findings.Apply(stored);
        Findings.Apply(stored);

        Assert.Equal(["problems.empty", "prose.newReceived", "structure.chapters", "table2.inForce.carryOver", "year.body"],
            stored.Findings.Select(f => f.Rule).Order(StringComparer.Ordinal));
        Assert.Equal(5, stored.Quality!.Warnings);
        Assert.Equal(0, stored.Quality.Errors);
    }
}
