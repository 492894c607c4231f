using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>Documents for the tests: the seed report (and variants of it), a corrupt file, and hostile zips.</summary>
public static class Samples
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The seed report: testdata/ once it has landed there, else the shared corpus beside the checkout.</summary>
    public static byte[] SeedReport()
    {
        string[] candidates =
        [
            Path.Combine(RepoRoot, "testdata", "text", "seed-juandong-town-2023.txt"),
            Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus", "seed", "juandong-town-2023.txt")),
        ];
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("seed report not found in testdata/text or ../shared/corpus/seed");
        return File.ReadAllBytes(path);
    }

    /// <summary>The seed report with different bytes (so a different document), optionally for another year.</summary>
    public static byte[] SeedVariant(string tag, int? year = null)
    {
        var text = Encoding.UTF8.GetString(SeedReport());
        if (year is not null)
        {
            text = text.Replace("2023", year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text + $"\n\n（附注：{tag}）\n");
    }

    /// <summary>Starts like a PDF, then is garbage: no reader can make a report of it.</summary>
    public static byte[] CorruptPdf()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(null, entries);

    /// <summary>A zip whose names are written in <paramref name="nameEncoding"/> (GB18030: as Chinese Windows does, no UTF-8 flag).</summary>
    public static byte[] Zip(Encoding? nameEncoding, params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true, nameEncoding))
        {
            foreach (var (name, content) in entries)
            {
                var e = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var s = e.Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    /// <summary>A small zip whose one entry expands about a thousandfold.</summary>
    public static byte[] ZipBomb() => Zip(("report.txt", new byte[3 * 1024 * 1024]));

    public static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return form;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Extractor.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Extractor.sln not found above the test binaries");
    }
}
