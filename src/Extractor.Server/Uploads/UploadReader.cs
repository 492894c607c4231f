using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Extractor.Server.Hosting;

namespace Extractor.Server.Uploads;

/// <summary>One document of an upload: a plain file, or an entry of an uploaded zip.</summary>
public sealed record UploadedFile(string DisplayName, string FileName, byte[] Content, string Sha256);

/// <summary>An upload refused as a whole, with the HTTP status to answer and a message naming the file.</summary>
public sealed class UploadRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Reads the multipart field <c>files</c> into documents, enforcing every limit before anything is stored:
/// request size, file size, files per batch, and for zips the entry count, expansion ratio and total size
/// (zip bombs) and unsafe entry names (zip-slip). A refused upload stores nothing.
/// </summary>
public sealed class UploadReader(UploadLimits limits)
{
    public const string FieldName = "files";

    public async Task<List<UploadedFile>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new UploadRejectedException(400, $"请以 multipart/form-data 格式在字段“{FieldName}”中上传文件。");
        }
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            throw TooLarge("请求", request.ContentLength.Value, limits.MaxRequestBytes);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            throw new UploadRejectedException(413, $"请求过大：超过 {limits.MaxRequestBytes} 字节的上限。");
        }
        catch (InvalidDataException ex)
        {
            // Raised by the form reader when a multipart limit is crossed or the body is malformed.
            throw new UploadRejectedException(ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? 413 : 400,
                "上传内容无法读取（multipart 格式损坏或超出限制）。");
        }
        var parts = form.Files.GetFiles(FieldName);
        if (parts.Count == 0)
        {
            throw new UploadRejectedException(400, $"没有文件：请在字段“{FieldName}”中上传一个或多个文件（或一个 zip 压缩包）。");
        }
        var result = new List<UploadedFile>();
        foreach (var part in parts)
        {
            var name = SafeDisplayName(part.FileName);
            if (part.Length > limits.MaxFileBytes)
            {
                throw TooLarge($"文件“{name}”", part.Length, limits.MaxFileBytes);
            }
            var bytes = new byte[part.Length];
            await using (var s = part.OpenReadStream())
            {
                await s.ReadExactlyAsync(bytes, cancellationToken);
            }
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(Expand(name, bytes));
            }
            else
            {
                result.Add(Make(name, Path.GetFileName(name), bytes));
            }
            if (result.Count > limits.MaxFilesPerBatch)
            {
                throw new UploadRejectedException(413, $"一批超过 {limits.MaxFilesPerBatch} 个文件（在“{name}”处）：请分批上传。");
            }
        }
        return result;
    }

    private List<UploadedFile> Expand(string zipName, byte[] zipBytes)
    {
        ZipArchive archive;
        try
        {
            // Names without the zip's UTF-8 flag are read byte for byte (Latin-1) and decoded in DecodeName.
            archive = new ZipArchive(new MemoryStream(zipBytes, writable: false), ZipArchiveMode.Read, leaveOpen: false, Encoding.Latin1);
        }
        catch (InvalidDataException)
        {
            throw new UploadRejectedException(400, $"文件“{zipName}”已损坏，不是可读取的 zip 压缩包。");
        }
        using (archive)
        {
            if (archive.Entries.Count > limits.MaxZipEntries)
            {
                throw new UploadRejectedException(413, $"压缩包“{zipName}”有 {archive.Entries.Count} 个条目，超过 {limits.MaxZipEntries} 个的上限。");
            }
            var files = new List<UploadedFile>();
            long expanded = 0;
            foreach (var entry in archive.Entries)
            {
                var name = DecodeName(entry.FullName);
                if (name.EndsWith('/') || name.EndsWith('\\'))
                {
                    continue; // a folder
                }
                if (IsUnsafeEntryName(name))
                {
                    throw new UploadRejectedException(400, $"压缩包“{zipName}”中的条目名称“{SafeDisplayName(name)}”不安全（绝对路径或指向压缩包之外），已拒绝。");
                }
                var leaf = Path.GetFileName(name.Replace('\\', '/'));
                if (name.StartsWith("__MACOSX/", StringComparison.Ordinal) || leaf.StartsWith('.'))
                {
                    continue; // archiver metadata, not a document
                }
                var display = $"{zipName}/{SafeDisplayName(name)}";
                byte[] bytes;
                try
                {
                    bytes = ReadBounded(entry, display, ref expanded);
                }
                catch (InvalidDataException)
                {
                    // A damaged entry (bad deflate data, a wrong checksum): the upload's fault, named.
                    throw new UploadRejectedException(400, $"压缩包“{zipName}”中的文件“{SafeDisplayName(name)}”已损坏，无法解压。");
                }
                files.Add(Make(display, leaf, bytes));
            }
            if (files.Count == 0)
            {
                throw new UploadRejectedException(400, archive.Entries.Count == 0
                    ? $"压缩包“{zipName}”是空的，没有任何文件。"
                    : $"压缩包“{zipName}”中没有可读取的文件（只有文件夹或压缩软件生成的附加文件，如 __MACOSX）。");
            }
            return files;
        }
    }

    /// <summary>
    /// Reads one entry, trusting none of its declared sizes: the bytes actually produced are counted against
    /// the file limit, the ratio to the compressed size, and the zip's total.
    /// </summary>
    private byte[] ReadBounded(ZipArchiveEntry entry, string display, ref long expanded)
    {
        var compressed = Math.Max(1, entry.CompressedLength);
        var byRatio = (long)Math.Min(long.MaxValue / 2, Math.Max(1024 * 64, compressed * limits.MaxZipRatio));
        var cap = Math.Min(limits.MaxFileBytes, byRatio);
        if (entry.Length > cap)
        {
            throw Bomb(display, entry.Length, compressed, cap);
        }
        using var input = entry.Open();
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
            expanded += n;
            if (output.Length > cap)
            {
                throw Bomb(display, output.Length, compressed, cap);
            }
            if (expanded > limits.MaxZipExpandedBytes)
            {
                throw new UploadRejectedException(413, $"压缩包解压后总大小超过 {limits.MaxZipExpandedBytes} 字节（在“{display}”处），已拒绝。");
            }
        }
        return output.ToArray();
    }

    private UploadRejectedException Bomb(string display, long size, long compressed, long cap) =>
        size > limits.MaxFileBytes
            ? TooLarge($"文件“{display}”", size, limits.MaxFileBytes)
            : new UploadRejectedException(413,
                $"文件“{display}”从 {compressed} 字节解压到超过 {cap} 字节（压缩比上限 {limits.MaxZipRatio}）：疑似压缩炸弹，已拒绝。");

    /// <summary>
    /// Zips made on Chinese Windows store names in GBK without the UTF-8 flag; other tools store UTF-8 without
    /// it. A name read as Latin-1 (all chars up to U+00FF) is turned back into its bytes and decoded as strict
    /// UTF-8, else GB18030. A flagged name already has characters past U+00FF and is kept as it is.
    /// </summary>
    internal static string DecodeName(string raw)
    {
        if (raw.All(c => c < 0x80) || raw.Any(c => c > 0xFF))
        {
            return raw;
        }
        var bytes = Encoding.Latin1.GetBytes(raw);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Extractor.Readers.TextDecoder.Gb18030.GetString(bytes);
        }
    }

    internal static bool IsUnsafeEntryName(string name)
    {
        var n = name.Replace('\\', '/');
        return n.StartsWith('/') || n.Contains(':') || n.Split('/').Any(s => s == "..") || n.Contains('\0');
    }

    /// <summary>A name fit for messages and storage: no control characters, no folders above the upload.</summary>
    private static string SafeDisplayName(string? name)
    {
        var cleaned = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (cleaned.Length > 300)
        {
            cleaned = cleaned[..300];
        }
        return cleaned.Length == 0 ? "unnamed" : cleaned;
    }

    private static UploadedFile Make(string display, string leaf, byte[] bytes) =>
        new(display, leaf.Length == 0 ? "unnamed" : leaf, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    private static UploadRejectedException TooLarge(string what, long size, long limit) =>
        new(413, $"{what}过大：{size} 字节，超过 {limit} 字节的上限。");
}
