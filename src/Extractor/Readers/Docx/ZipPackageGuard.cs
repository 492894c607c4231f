using System.IO.Compression;
using System.Xml;

namespace Extractor.Readers.Docx;

/// <summary>
/// Checks a zip package (DOCX, and anything else opened as a zip) before any part of it is loaded: entry count,
/// each entry's inflated size and its ratio to the compressed size, and the total, counted on the bytes actually
/// inflated (declared sizes are not trusted); then the nesting depth of every XML part with a streaming reader
/// (DTDs refused), so the Open XML SDK never builds a DOM 20,000 tables deep or recurses through it.
/// </summary>
public static class ZipPackageGuard
{
    public sealed record Limits
    {
        public int MaxEntries { get; init; } = 5000;
        public long MaxEntryBytes { get; init; } = 128L * 1024 * 1024;
        public long MaxTotalBytes { get; init; } = 256L * 1024 * 1024;

        /// <summary>Inflated/compressed size above which an entry (of more than <see cref="RatioFloorBytes"/>) is taken for a bomb.</summary>
        public double MaxRatio { get; init; } = 200;

        public long RatioFloorBytes { get; init; } = 1024 * 1024;

        /// <summary>Word nests tables in tables and controls in controls, but a real report stays far below this.</summary>
        public int MaxXmlDepth { get; init; } = 256;
    }

    public static readonly Limits Default = new();

    /// <summary>Throws a <see cref="DocumentReadException"/> naming what is wrong; <paramref name="kind"/> is how the file is named in it ("DOCX").</summary>
    public static void Check(byte[] content, string kind, Limits? limits = null)
    {
        limits ??= Default;
        if (!InputGuards.Enabled)
        {
            return;
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new DocumentReadException($"damaged: not a readable {kind} (its zip package cannot be opened)");
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new DocumentReadException($"too complex: the {kind} package has {zip.Entries.Count} parts, over the limit of {limits.MaxEntries}");
            }
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                var cap = Math.Min(limits.MaxEntryBytes, Math.Max(limits.RatioFloorBytes, (long)Math.Min(long.MaxValue / 4, Math.Max(1, entry.CompressedLength) * limits.MaxRatio)));
                var xml = name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
                try
                {
                    using var raw = entry.Open();
                    using var counted = new CountingStream(raw, cap, () => Bomb(kind, name, entry.CompressedLength, cap, limits));
                    if (xml)
                    {
                        CheckXml(counted, kind, name, limits.MaxXmlDepth);
                        while (counted.Read(buffer, 0, buffer.Length) > 0)
                        {
                        }
                    }
                    else
                    {
                        while (counted.Read(buffer, 0, buffer.Length) > 0)
                        {
                        }
                    }
                    total += counted.Count;
                }
                catch (InvalidDataException)
                {
                    throw new DocumentReadException($"damaged: the part '{name}' of the {kind} cannot be unpacked");
                }
                if (total > limits.MaxTotalBytes)
                {
                    throw new DocumentReadException($"too large: the {kind} unpacks to more than {limits.MaxTotalBytes / (1024 * 1024)} MB");
                }
            }
        }
    }

    private static DocumentReadException Bomb(string kind, string name, long compressed, long cap, Limits limits) =>
        cap >= limits.MaxEntryBytes
            ? new DocumentReadException($"too large: the part '{name}' of the {kind} unpacks to more than {limits.MaxEntryBytes / (1024 * 1024)} MB")
            : new DocumentReadException($"too large: the part '{name}' of the {kind} expands from {compressed} bytes to more than {cap} (a zip bomb)");

    private static void CheckXml(Stream stream, string kind, string name, int maxDepth)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth > maxDepth)
                {
                    throw new DocumentReadException($"too complex: the part '{name}' of the {kind} is nested more than {maxDepth} levels deep");
                }
            }
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new DocumentReadException($"damaged or unsafe: the part '{name}' of the {kind} carries a document type definition (DTD), which Word documents never have", ex);
        }
        catch (XmlException ex)
        {
            throw new DocumentReadException($"damaged: the part '{name}' of the {kind} is not well-formed XML (line {ex.LineNumber})", ex);
        }
    }

    /// <summary>Counts the bytes read through it and stops at the cap.</summary>
    private sealed class CountingStream(Stream inner, long cap, Func<Exception> over) : Stream
    {
        public long Count { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            if (Count > cap)
            {
                throw over();
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
