using Extractor.Readers;
using Extractor.Readers.Pdf;

namespace Extractor.Tests.Pdf;

public class PdfReaderFailureTests
{
    [Fact]
    public void Read_ThrowsPasswordReason_WhenUserPasswordNeeded()
    {
        var ex = Assert.Throws<DocumentReadException>(() => PdfFixtures.Read("user-password.pdf"));
        Assert.Contains("password-protected", ex.Message);
    }

    [Fact]
    public void Read_OpensAndReadsTable_WhenOnlyOwnerPasswordRestrictsPermissions()
    {
        var doc = PdfFixtures.Read("owner-only.pdf");

        Assert.Equal(["7", "1", "8"], PdfFixtures.FiguresOfRow(doc, "（一）予以公开"));
    }

    [Theory]
    [InlineData("truncated.pdf")]
    [InlineData("corrupt.pdf")]
    public void Read_ThrowsCorruptReason_WhenPdfIsDamaged(string file)
    {
        var ex = Assert.Throws<DocumentReadException>(() => PdfFixtures.Read(file));
        Assert.Contains("corrupt or truncated", ex.Message);
    }

    [Fact]
    public void Read_ThrowsNotAPdf_WhenHtmlNamedPdf()
    {
        var ex = Assert.Throws<DocumentReadException>(() => PdfFixtures.Read("not-a-pdf.pdf"));
        Assert.Contains("not a PDF", ex.Message);
    }

    [Fact]
    public void Read_ThrowsCorruptReason_WhenBytesStopAfterHeader()
    {
        var bytes = PdfFixtures.Bytes("lattice-type1.pdf").AsSpan(0, 400).ToArray();
        var ex = Assert.Throws<DocumentReadException>(() => new PdfReader().Read(bytes, "cut.pdf"));
        Assert.Contains("corrupt or truncated", ex.Message);
    }

    [Fact]
    public void Read_ReportsPageUnreadable_WhenPageIsScannedImage()
    {
        var doc = PdfFixtures.Read("scan.pdf");

        Assert.Equal([1], doc.UnreadablePages);
        Assert.Contains(doc.Warnings, w => w.StartsWith("page 1: no text layer", StringComparison.Ordinal) && w.Contains("figures are missing"));
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void Read_ReportsPageUnreadable_WhenFontsMapToPrivateUseCharacters()
    {
        var doc = PdfFixtures.Read("undecodable.pdf");

        Assert.Equal([1], doc.UnreadablePages);
        Assert.Contains(doc.Warnings, w => w.StartsWith("page 1: text does not decode", StringComparison.Ordinal));
        Assert.Empty(doc.Tables);
        Assert.DoesNotContain(doc.PlainText(), ch => ch is >= '\uE000' and <= '\uF8FF');
    }
}
