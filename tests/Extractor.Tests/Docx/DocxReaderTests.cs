using System.IO.Compression;
using Extractor.Evaluation;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Readers.Docx;
using Extractor.Readers.External;
using Extractor.Results;

namespace Extractor.Tests.Docx;

public class DocxReaderTests
{
    private static LayoutDocument Read(string name) =>
        new DocxReader().Read(File.ReadAllBytes(TestPaths.TestData("docx", name)), name);

    private static Table TableHolding(LayoutDocument document, string text) =>
        document.Tables.First(t => t.Cells.Any(c => c.Text == text));

    [Fact]
    public void Read_ExtendsRowSpan_WhenVMergeContinuationCellsFollow()
    {
        var document = Read("openxml-merged-textbox.docx");

        var table = TableHolding(document, "三、本年度办理结果");
        Assert.Equal(22, table.Cells.Single(c => c.Text == "三、本年度办理结果").RowSpan);
        Assert.Equal(8, table.Cells.Single(c => c.Text == "（三）不予公开").RowSpan);
        Assert.Equal(3, table.Cells.Single(c => c.Text.StartsWith("（本列数据", StringComparison.Ordinal)).ColSpan);
        Assert.Equal(10, table.ColumnCount);
    }

    [Fact]
    public void Read_ReadsTextBoxOnce_WhenFallbackRepeatsIt()
    {
        var document = Read("openxml-merged-textbox.docx");

        var titles = document.Blocks.OfType<TextBlock>().Count(b => b.Text == "临川县文昌街道办事处2023年政府信息公开工作年度报告");
        Assert.Equal(1, titles);
    }

    [Fact]
    public void Read_SkipsDeletedText_WhenCellHasTrackedChange()
    {
        var truth = TruthFile.Load(TestPaths.TestData("docx", "openxml-merged-textbox.truth.json"));
        var document = Read("openxml-merged-textbox.docx");

        var table = TableHolding(document, "（一）予以公开");
        var row = table.Cells.Single(c => c.Text == "（一）予以公开").Row;
        var total = table.OriginCells(row).Last();
        Assert.Equal(truth.Fields["applications.granted.total"]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), total.Text);
    }

    [Fact]
    public void Read_JoinsParagraphsOfACell_WhenLabelIsSplit()
    {
        var document = Read("openxml-merged-textbox.docx");

        Assert.Contains(document.Tables.SelectMany(t => t.Cells), c => c.Text == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        Assert.Contains(document.Tables.SelectMany(t => t.Cells), c => c.Text == "商业企业");
    }

    [Fact]
    public void Read_ReadsInnerTablesAsTables_WhenReportSitsInLayoutTable()
    {
        var document = Read("openxml-layout-nested.docx");

        // 表二 as four tables, 表三, 表四: the layout table itself is not a table of the report.
        Assert.Equal(6, document.Tables.Count());
        Assert.Contains(document.Blocks.OfType<TextBlock>(), b => b.Text == "三、收到和处理政府信息公开申请情况");
    }

    [Fact]
    public void Read_ExtendsColSpan_WhenLegacyHMergeIsUsed()
    {
        var document = Read("openxml-layout-nested.docx");

        var table = TableHolding(document, "复议后起诉");
        Assert.Equal(5, table.Cells.Single(c => c.Text == "行政复议").ColSpan);
        Assert.Equal(15, table.ColumnCount);
    }

    [Fact]
    public void Extract_FailsWithClearReason_WhenZipIsDamaged()
    {
        var bytes = File.ReadAllBytes(TestPaths.TestData("docx", "clean-template.docx"))[..2000];

        var result = new DocumentExtractor().Extract(bytes, "damaged.docx");

        Assert.Equal("failed", result.Status);
        Assert.Contains("not a readable DOCX", result.Error);
        Assert.Equal(200, result.Fields.Count);
    }

    [Fact]
    public void Extract_FailsWithClearReason_WhenDocumentXmlIsMissing()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        }

        var result = new DocumentExtractor().Extract(buffer.ToArray(), "empty.docx");

        Assert.Equal("failed", result.Status);
        Assert.Contains("word/document.xml", result.Error);
    }

    [RequiresToolFact("soffice")]
    public void Extract_ReadsLegacyDoc_WhenLibreOfficeConvertsIt()
    {
        // The legacy file is made here from a fixture, so the test data holds no binary .doc.
        using var temp = new TempFolder("extractor-test-doc-");
        var source = TestPaths.TestData("docx", "clean-template.docx");
        var output = ExternalProcess.Run("soffice", ["--headless", "--convert-to", "doc", "--outdir", temp.Path, source],
            TimeSpan.FromSeconds(120), new Dictionary<string, string> { ["HOME"] = temp.Path });
        Assert.Equal(0, output.ExitCode);
        var doc = File.ReadAllBytes(temp.File("clean-template.doc"));
        Assert.Equal("ole", ReaderRegistry.DetectFormat(doc, "report.doc"));

        var result = new DocumentExtractor().Extract(doc, "report.doc");
        var score = Evaluator.Score("report.doc", result, TruthFile.Load(TestPaths.TestData("docx", "clean-template.truth.json")));

        Assert.True(score.Wrong.Count == 0, string.Join("\n", score.Wrong));
        Assert.Contains(result.Warnings, w => w.Contains("LibreOffice", StringComparison.Ordinal));
        Assert.Equal(FieldStatus.Ok, result.Fields["applications.newReceived.total"].Status);
    }
}
