namespace Extractor.Readers.External;

/// <summary>A private scratch folder for one helper run, deleted on dispose (helpers leave files behind).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A helper still holding a file: the OS temp cleaner gets it later; never fail a read for it.
        }
    }
}
