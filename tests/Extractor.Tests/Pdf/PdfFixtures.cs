using Extractor.Model;
using Extractor.Readers.Pdf;

namespace Extractor.Tests.Pdf;

/// <summary>The small PDFs under testdata/pdf-unit/, made by scripts/make-pdf-unit-fixtures.sh.</summary>
internal static class PdfFixtures
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(TestPaths.TestData("pdf-unit", name));

    public static LayoutDocument Read(string name) => new PdfReader().Read(Bytes(name), name);

    /// <summary>Texts of the cells that start in the row labelled with <paramref name="labelPart"/>, figures only.</summary>
    public static List<string> FiguresOfRow(LayoutDocument doc, string labelPart)
    {
        var found = PdfTableAssertions.FindRow(doc, labelPart);
        Assert.True(found is not null, $"no row labelled …{labelPart}…");
        var (table, row) = found!.Value;
        return PdfTableAssertions.Figures(table, row, PdfTableAssertions.FirstFigureColumn(table, row));
    }
}
