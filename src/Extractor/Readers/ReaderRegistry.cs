using Extractor.Readers.Docx;
using Extractor.Readers.Html;
using Extractor.Readers.Text;

namespace Extractor.Readers;

/// <summary>
/// Maps magic bytes, then the file extension, to a reader. One table: adding a format adds one
/// reader and one row here.
/// </summary>
public sealed class ReaderRegistry
{
    private readonly Dictionary<string, IDocumentReader> _byFormat;

    public ReaderRegistry(IEnumerable<IDocumentReader> readers)
    {
        _byFormat = readers.ToDictionary(r => r.Format, StringComparer.Ordinal);
    }

    /// <summary>The readers this build ships.</summary>
    public static ReaderRegistry Default { get; } = Create();

    /// <summary>
    /// The shipped readers; pictures in DOCX and HTML documents are read by OCR
    /// (<see cref="Ocr.PictureTableReader"/>) with <paramref name="pictures"/> (default options when null).
    /// </summary>
    public static ReaderRegistry Create(Ocr.PictureOcrOptions? pictures = null)
    {
        var pictureReader = new Ocr.PictureTableReader(pictures);
        return new([new PlainTextReader(), new HtmlReader { Pictures = pictureReader }, new Ocr.ScannedPdfReader(new Pdf.PdfReader()), new DocxReader { Pictures = pictureReader }, new Ocr.ImageReader()]);
    }

    /// <summary>MIME types of the formats, for the API.</summary>
    public static string MimeType(string format) => format switch
    {
        "pdf" => "application/pdf",
        "html" => "text/html",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text" => "text/plain",
        _ => "application/octet-stream",
    };

    /// <summary>Chooses the reader for the content, or throws <see cref="DocumentReadException"/> saying why none fits.</summary>
    public IDocumentReader Select(byte[] content, string fileName)
    {
        if (content.Length == 0)
        {
            throw new DocumentReadException("the file is empty (0 bytes)");
        }
        var format = DetectFormat(content, fileName);
        // Legacy .doc/.wps are read by the DOCX reader, which converts them with LibreOffice first.
        var readerFormat = format == "ole" ? "docx" : format;
        return _byFormat.TryGetValue(readerFormat, out var reader)
            ? reader
            : throw new DocumentReadException($"{FormatName(format)} files are not supported by this build");
    }

    /// <summary>1. magic bytes; 2. text sniffing (markup); 3. the extension as a last hint. Formats: pdf, docx, ole, zip, image, html, text.</summary>
    public static string DetectFormat(ReadOnlySpan<byte> content, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var head = content[..Math.Min(content.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return "pdf";
        }
        if (head.StartsWith("PK\x03\x04"u8))
        {
            // A .docx without word/ is a damaged Word package: the DOCX reader says what is missing.
            return content.IndexOf("word/"u8) >= 0 || ext == ".docx" ? "docx" : "zip";
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            return "ole";
        }
        // A picture of the report (PNG, JPEG); the image reader names the picture formats it does not read.
        if (Ocr.ImageReader.Formats.Contains(Ocr.PictureDecoder.FormatName(head.ToArray(), "")))
        {
            return "image";
        }
        if (ext == ".pdf")
        {
            throw new DocumentReadException("named .pdf but it is not a PDF (no %PDF- header)");
        }
        if (ext == ".docx")
        {
            throw new DocumentReadException("named .docx but it is not a Word document (not a zip package)");
        }
        if (TextDecoder.LooksBinary(content))
        {
            throw new DocumentReadException("binary content that is neither PDF, DOCX, HTML, text nor a PNG or JPEG picture");
        }
        if (ext is ".html" or ".htm" or ".shtml" or ".xhtml" || TextDecoder.LooksLikeHtml(content))
        {
            return "html";
        }
        return "text";
    }

    private static string FormatName(string format) => format switch
    {
        "ole" => "legacy Word 97-2003 (.doc/.wps)",
        "zip" => "zip archives (upload them to the service, which unpacks them)",
        _ => format.ToUpperInvariant(),
    };
}
