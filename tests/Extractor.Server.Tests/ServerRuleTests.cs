using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Extractor.Server.Contracts;
using Extractor.Server.Results;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>
/// The rule pack's rules the server computes across reports (Results/ServerFindings): each failing and passing,
/// through real uploads of the seed report (卷硐镇 2023) and variants of it made here by text replacement.
/// </summary>
public abstract class ServerRuleTests(PostgresServer? pg) : StoreTests(pg)
{
    private const string RegulationsRow = "规 章\t0\t0\t0";

    private static string Seed(int? year = null, string tag = "x") => Encoding.UTF8.GetString(Samples.SeedVariant(tag, year));

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>The seed with the prose lines of 一、五、六 written backwards: the same characters, a different text.</summary>
    private static string ReversedProse(string text)
    {
        var lines = text.Split('\n');
        string? section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("一、", StringComparison.Ordinal) || line.StartsWith("五、", StringComparison.Ordinal) || line.StartsWith("六、", StringComparison.Ordinal))
            {
                section = line;
                continue;
            }
            if (line.StartsWith("二、", StringComparison.Ordinal))
            {
                section = null;
            }
            if (section is not null && line.Length > 20 && !line.Contains('\t', StringComparison.Ordinal))
            {
                lines[i] = new string(line.Reverse().ToArray());
            }
        }
        return string.Join('\n', lines);
    }

    private static List<JsonElement> Findings(JsonElement result, string rule) =>
        result.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule).ToList();

    private static List<string> Fields(JsonElement finding) => finding.GetProperty("fields").EnumerateArray().Select(x => x.GetString()!).ToList();

    [SkippableFact]
    public async Task Table2InForce_AgainstLastYear_WarnsWhenItDisagrees_AndNotWhenItAdds()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        Assert.Contains(RegulationsRow, Seed(), StringComparison.Ordinal);
        // 2022: 0 规章 in force. 2023 (failing): 2 issued, 0 repealed, 5 in force (0 + 2 − 0 = 2). 2024 (passing against
        // 2023): 1 issued, 1 repealed, 5 in force (5 + 1 − 1 = 5).
        var y2023 = Seed().Replace(RegulationsRow, "规 章\t2\t0\t5", StringComparison.Ordinal);
        var y2024 = Seed(2024).Replace(RegulationsRow, "规 章\t1\t1\t5", StringComparison.Ordinal);
        var batch = await Api.UploadAsync(admin, ("2022.txt", Bytes(Seed(2022))), ("2023.txt", Bytes(y2023)), ("2024.txt", Bytes(y2024)));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (d2022, d2023, d2024) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId, batch.Entries[2].DocumentId);

        var r2023 = await Api.ResultAsync(admin, d2023);
        Assert.Equal(5m, r2023.GetProperty("fields").GetProperty("active.regulations.inForce").GetProperty("value").GetDecimal());
        var finding = Assert.Single(Findings(r2023, "table2.inForce.carryOver"));
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(["active.regulations.inForce", "active.regulations.issued", "active.regulations.repealed"], Fields(finding));
        Assert.Equal("表二「规章」现行有效 5 件，而 2022 年现行有效 0 + 本年制发 2 − 本年废止 0 = 2", finding.GetProperty("message").GetString());
        // A warning: the figure itself stays as read.
        Assert.Equal("ok", r2023.GetProperty("fields").GetProperty("active.regulations.inForce").GetProperty("status").GetString());

        Assert.Empty(Findings(await Api.ResultAsync(admin, d2024), "table2.inForce.carryOver"));
        Assert.Empty(Findings(await Api.ResultAsync(admin, d2022), "table2.inForce.carryOver"));

        // The quality summary of the document DTO counts it, and the list filters by it.
        var dto = await Api.DocumentAsync(admin, d2023);
        Assert.NotNull(dto.Quality);
        Assert.Contains(dto.Findings!, f => f.Rule == "table2.inForce.carryOver" && f.Title == "现行有效件数与上年" && f.Severity == "warning");
        Assert.Equal(dto.Findings!.Count(f => f.Severity == "warning"), dto.Quality!.Warnings);
        var page = await admin.GetFromJsonAsync<PageDto<DocumentSummaryDto>>("/api/documents?rule=table2.inForce.carryOver", Api.Json);
        Assert.Equal([d2023], page!.Items.Select(i => i.Id));
        Assert.Equal(1, page.Total);
        Assert.Equal(dto.Quality, page.Items[0].Quality);
        // The analysts' view: reports of the selection by rule, and the findings as long CSV rows.
        var quality = await admin.GetFromJsonAsync<JsonElement>("/api/analysis/quality?years=2022-2024&rule=table2.inForce.carryOver", Api.Json);
        Assert.Equal(1, quality.GetProperty("reports").GetInt32());
        var row = Assert.Single(quality.GetProperty("items").EnumerateArray());
        Assert.Equal(d2023, row.GetProperty("documentId").GetGuid());
        Assert.Equal(1, row.GetProperty("rules").GetProperty("table2.inForce.carryOver").GetInt32());
        var csv = await admin.GetStringAsync("/api/analysis/quality?years=2023&format=csv&headers=zh");
        Assert.Contains("现行有效件数与上年", csv, StringComparison.Ordinal);
        Assert.Contains("表二「规章」现行有效 5 件", csv, StringComparison.Ordinal);
        using var bad = await admin.GetAsync("/api/documents?rule=no.such.rule");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no.such.rule", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ProseSameAsLastYear_WarnsOnARepublishedReport_AndNotOnARewrittenOne()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        // 卷硐镇 2022 is the seed with only its years changed; 卷硐镇 2024 has its prose rewritten (reversed lines).
        var batch = await Api.UploadAsync(admin, ("2022.txt", Bytes(Seed(2022))), ("2023.txt", Bytes(Seed())), ("2024.txt", Bytes(ReversedProse(Seed(2024)))));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var r2023 = await Api.ResultAsync(admin, batch.Entries[1].DocumentId);
        var same = Findings(r2023, "prose.sameAsLastYear");
        Assert.NotEmpty(same);
        var overview = Assert.Single(same, f => f.GetProperty("passages")[0].GetProperty("section").GetString() == "overview");
        Assert.Equal("warning", overview.GetProperty("severity").GetString());
        Assert.Equal("「一、总体情况」与 2022 年报告的相似度为 1.00", overview.GetProperty("message").GetString());
        var passage = overview.GetProperty("passages")[0];
        var section = r2023.GetProperty("sections").GetProperty("overview").GetString()!;
        Assert.Equal(section.Length, passage.GetProperty("length").GetInt32());
        Assert.Equal(section, passage.GetProperty("text").GetString());

        Assert.Empty(Findings(await Api.ResultAsync(admin, batch.Entries[2].DocumentId), "prose.sameAsLastYear"));
        Assert.Empty(Findings(await Api.ResultAsync(admin, batch.Entries[0].DocumentId), "prose.sameAsLastYear"));
    }

    [Fact]
    public void Similarity_IsFourGramJaccard_WithYearsMasked_AndNothingForShortText()
    {
        var a = "本年度共收到政府信息公开申请二十件，全部按期答复，未发生行政复议和行政诉讼，信息公开工作有序推进。";
        Assert.Equal(1.0, ServerFindings.Similarity("2023年" + a, "2022年" + a));
        Assert.Null(ServerFindings.Similarity("无", "无"));
        var rewritten = new string(a.Reverse().ToArray());
        Assert.True(ServerFindings.Similarity(a, rewritten) < 0.1);
        // Half the text changed: well under the threshold.
        var half = a[..(a.Length / 2)] + new string(a[(a.Length / 2)..].Reverse().ToArray());
        Assert.InRange(ServerFindings.Similarity(a, half)!.Value, 0.2, ServerFindings.SimilarityThreshold - 0.1);
    }

    [SkippableFact]
    public async Task CopiesDisagree_NamesTheFieldsAndTheOtherCopy_AndIsSilentWhenTheyAgree()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        const string licensing = "行政许可\t0";
        Assert.Contains(licensing, Seed(), StringComparison.Ordinal);
        var differing = Seed(tag: "网页版").Replace(licensing, "行政许可\t3", StringComparison.Ordinal);
        var batch = await Api.UploadAsync(admin, ("卷硐镇2023.pdf.txt", Bytes(Seed(tag: "原件"))), ("卷硐镇2023网页.txt", Bytes(differing)),
            ("卷硐镇2022.txt", Bytes(Seed(2022, "甲"))), ("卷硐镇2022副本.txt", Bytes(Seed(2022, "乙"))));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (a, b) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);

        foreach (var (id, other) in new[] { (a, "卷硐镇2023网页.txt"), (b, "卷硐镇2023.pdf.txt") })
        {
            var finding = Assert.Single(Findings(await Api.ResultAsync(admin, id), "copies.disagree"));
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal(["active.licensing"], Fields(finding));
            var message = finding.GetProperty("message").GetString()!;
            Assert.StartsWith($"同一机关 2023 年度的另一副本「{other}」中 1 个数字不同：", message, StringComparison.Ordinal);
        }
        // The two 2022 copies agree figure for figure.
        Assert.Empty(Findings(await Api.ResultAsync(admin, batch.Entries[2].DocumentId), "copies.disagree"));
        Assert.Empty(Findings(await Api.ResultAsync(admin, batch.Entries[3].DocumentId), "copies.disagree"));
        var page = await admin.GetFromJsonAsync<PageDto<DocumentSummaryDto>>("/api/documents?rule=copies.disagree&severity=warning", Api.Json);
        Assert.Equal(new[] { a, b }.Order(), page!.Items.Select(i => i.Id).Order());
    }

    [SkippableFact]
    public async Task CarryOver_IsTheRuleApplicationsCarryOver_AnErrorOnBothReports()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var batch = await Api.UploadAsync(admin, ("2023.txt", Samples.SeedVariant("x")), ("2022.txt", Samples.SeedVariant("y", 2022)));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (thisYear, lastYear) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);
        Assert.Empty(Findings(await Api.ResultAsync(admin, thisYear), "applications.carryOver"));

        using (var put = await Api.CorrectAsync(admin, lastYear, "applications.carriedForward.natural", 5, "printed 5 in the 2022 table"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var later = await Api.ResultAsync(admin, thisYear);
        var finding = Assert.Single(Findings(later, "applications.carryOver"));
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(["applications.carriedOver.natural"], Fields(finding));
        Assert.Equal("表三「上年结转」自然人为 0，而 2022 年报告「结转下年度继续办理」为 5", finding.GetProperty("message").GetString());
        Assert.Contains("check_failed", later.GetProperty("fields").GetProperty("applications.carriedOver.natural").GetProperty("flags").EnumerateArray().Select(x => x.GetString()));
        Assert.True(later.GetProperty("quality").GetProperty("errors").GetInt32() >= 1);
        var earlier = Assert.Single(Findings(await Api.ResultAsync(admin, lastYear), "applications.carryOver"));
        Assert.Equal(["applications.carriedForward.natural"], Fields(earlier));
        var page = await admin.GetFromJsonAsync<PageDto<DocumentSummaryDto>>("/api/documents?rule=applications.carryOver&severity=error", Api.Json);
        Assert.Equal(new[] { thisYear, lastYear }.Order(), page!.Items.Select(i => i.Id).Order());
    }

    [SkippableFact]
    public async Task Rules_ListsEveryRuleOfThePack()
    {
        var factory = Server(await NewStoreAsync());
        var reader = factory.Client("admin");
        var pack = await reader.GetFromJsonAsync<RulePackDto>("/api/rules", Api.Json);
        Assert.Equal(Extractor.Validation.RulePack.Default.Version, pack!.Version);
        Assert.Equal(Extractor.Validation.RulePack.Default.Rules.Count, pack.Rules.Count);
        var carry = Assert.Single(pack.Rules, r => r.Id == "table2.inForce.carryOver");
        Assert.Equal(("warning", "crossYear", "现行有效件数与上年"), (carry.Severity, carry.Scope, carry.Title));
        Assert.Contains("国办公开办函〔2021〕30号", carry.Basis, StringComparison.Ordinal);
        Assert.All(pack.Rules, r => Assert.Equal(pack.Version, r.Version));
        foreach (var id in new[] { "applications.carryOver", "prose.sameAsLastYear", "copies.disagree" })
        {
            Assert.Contains(pack.Rules, r => r.Id == id);
        }
    }
}

public sealed class ServerRuleSqliteTests() : ServerRuleTests(null);

[Collection(PostgresCollection.Name)]
public sealed class ServerRulePostgresTests(PostgresServer pg) : ServerRuleTests(pg);
