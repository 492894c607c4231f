using System.IO.Compression;
using System.Text;

namespace Extractor.BadInput;

/// <summary>
/// Hostile documents for the bad-input tests and the fuzz pass, made on the fly (nothing large is committed):
/// PDF page trees and reference chains that make a recursive parser overflow its stack, DOCX of deeply nested
/// tables and content controls, a DOCX zip bomb, deeply nested HTML, a UTF-16 report with NULs inserted.
/// </summary>
public static class BadInputs
{
    /// <summary>A PDF whose page tree is <paramref name="depth"/> /Pages nodes deep above its one page.</summary>
    public static byte[] PdfDeepPageTree(int depth = 100_000)
    {
        var pdf = new PdfWriter();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        for (var i = 0; i < depth; i++)
        {
            var id = 2 + i;
            var kid = id + 1;
            pdf.Add(id, i == 0 ? $"<< /Type /Pages /Kids [{kid} 0 R] /Count 1 >>" : $"<< /Type /Pages /Parent {id - 1} 0 R /Kids [{kid} 0 R] /Count 1 >>");
        }
        var page = 2 + depth;
        pdf.Add(page, $"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 595 842] >>");
        return pdf.Build(1);
    }

    /// <summary>A PDF whose page's /MediaBox is reached through a chain of <paramref name="length"/> indirect references.</summary>
    public static byte[] PdfReferenceChain(int length = 5_000)
    {
        var pdf = new PdfWriter();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R >>");
        for (var i = 0; i < length; i++)
        {
            pdf.Add(4 + i, $"{5 + i} 0 R");
        }
        pdf.Add(4 + length, "[0 0 595 842]");
        return pdf.Build(1);
    }

    /// <summary>A DOCX of <paramref name="depth"/> tables each nested in the one cell of the one above.</summary>
    public static byte[] DocxNestedTables(int depth = 20_000)
    {
        var body = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            body.Append("<w:tbl><w:tr><w:tc>");
        }
        body.Append("<w:p><w:r><w:t>1</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++)
        {
            body.Append("<w:p/></w:tc></w:tr></w:tbl>");
        }
        return Docx(body.ToString());
    }

    /// <summary>A DOCX of <paramref name="depth"/> nested block content controls.</summary>
    public static byte[] DocxNestedContentControls(int depth = 50_000)
    {
        var body = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            body.Append("<w:sdt><w:sdtContent>");
        }
        body.Append("<w:p><w:r><w:t>1</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++)
        {
            body.Append("</w:sdtContent></w:sdt>");
        }
        return Docx(body.ToString());
    }

    /// <summary>A DOCX whose document.xml inflates to <paramref name="expandedBytes"/> (a run of spaces inside one text element).</summary>
    public static byte[] DocxBomb(long expandedBytes = 1L << 30)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddText(zip, "[Content_Types].xml", ContentTypes);
            AddText(zip, "_rels/.rels", Rels);
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var s = entry.Open();
            s.Write(Encoding.UTF8.GetBytes(DocumentStart + "<w:p><w:r><w:t xml:space=\"preserve\">"));
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (long written = 0; written < expandedBytes; written += chunk.Length)
            {
                s.Write(chunk);
            }
            s.Write(Encoding.UTF8.GetBytes("</w:t></w:r></w:p>" + DocumentEnd));
        }
        return ms.ToArray();
    }

    /// <summary>An HTML page nested <paramref name="depth"/> elements deep.</summary>
    public static byte[] HtmlDeep(int depth = 100_000)
    {
        var sb = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("<div>");
        }
        sb.Append("政府信息公开工作年度报告");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("</div>");
        }
        sb.Append("</body></html>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A text file of <paramref name="bytes"/> bytes: the report's text repeated.</summary>
    public static byte[] HugeText(byte[] report, long bytes = 60L * 1024 * 1024)
    {
        var result = new byte[bytes];
        for (long i = 0; i < bytes; i += report.Length)
        {
            Array.Copy(report, 0, result, i, Math.Min(report.Length, bytes - i));
        }
        return result;
    }

    /// <summary>One line of <paramref name="count"/> digits.</summary>
    public static byte[] Digits(long count = 100L * 1024 * 1024)
    {
        var result = new byte[count];
        Array.Fill(result, (byte)'7');
        return result;
    }

    /// <summary>A UTF-16 file with <paramref name="nuls"/> NUL bytes inserted at seeded places after its BOM (most misalign what follows).</summary>
    public static byte[] Utf16WithNuls(byte[] utf16, int nuls = 30, int seed = 17)
    {
        var bytes = utf16.ToList();
        var random = new Random(seed);
        for (var i = 0; i < nuls; i++)
        {
            bytes.Insert(random.Next(2, bytes.Count), 0);
        }
        return [.. bytes];
    }

    public static byte[] Docx(string bodyXml)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddText(zip, "[Content_Types].xml", ContentTypes);
            AddText(zip, "_rels/.rels", Rels);
            AddText(zip, "word/document.xml", DocumentStart + bodyXml + DocumentEnd);
        }
        return ms.ToArray();
    }

    private static void AddText(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
        using var s = entry.Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

    private const string Rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

    private const string DocumentStart =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";

    private const string DocumentEnd = "</w:body></w:document>";

    /// <summary>Writes numbered objects with a correct cross-reference table.</summary>
    private sealed class PdfWriter
    {
        private readonly List<(int Id, string Body)> _objects = [];

        public void Add(int id, string body) => _objects.Add((id, body));

        public byte[] Build(int root)
        {
            var sb = new StringBuilder("%PDF-1.4\n");
            var offsets = new Dictionary<int, long>();
            foreach (var (id, body) in _objects)
            {
                offsets[id] = sb.Length; // ASCII only: characters are bytes
                sb.Append(id).Append(" 0 obj\n").Append(body).Append("\nendobj\n");
            }
            var size = offsets.Keys.Max() + 1;
            var xref = sb.Length;
            sb.Append("xref\n0 ").Append(size).Append('\n').Append("0000000000 65535 f \n");
            for (var i = 1; i < size; i++)
            {
                sb.Append(offsets.TryGetValue(i, out var o) ? $"{o:D10} 00000 n \n" : "0000000000 65535 f \n");
            }
            sb.Append("trailer\n<< /Size ").Append(size).Append(" /Root ").Append(root).Append(" 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
            return Encoding.ASCII.GetBytes(sb.ToString());
        }
    }
}
