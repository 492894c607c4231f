using Extractor.Model;
using Extractor.Readers;

namespace Extractor.Cli.Commands;

/// <summary>extractor layout: what the reader saw (blocks and table grids), to understand a mapping.</summary>
public static class LayoutCommand
{
    public static int Run(CliOptions options)
    {
        if (options.Inputs.Count != 1)
        {
            throw new CliUsageException("layout takes one file");
        }
        var path = options.Inputs[0];
        var bytes = File.ReadAllBytes(path);
        LayoutDocument layout;
        try
        {
            layout = ReaderRegistry.Default.Select(bytes, path).ReadInFolder(bytes, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (DocumentReadException ex)
        {
            Console.Error.WriteLine($"{path}: {ex.Message}");
            return 1;
        }
        Console.WriteLine($"format {layout.Format}, {layout.Pages} page(s), {layout.Blocks.Count} block(s)");
        foreach (var w in layout.Warnings)
        {
            Console.WriteLine($"warning: {w}");
        }
        foreach (var block in layout.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    Console.WriteLine($"[text p{t.Provenance.Page}] {t.Text}");
                    break;
                case TableBlock tb:
                    var table = tb.Table;
                    Console.WriteLine($"[table {table.Strategy} p{table.Provenance.Page} {table.RowCount}x{table.ColumnCount}]");
                    for (var r = 0; r < table.RowCount; r++)
                    {
                        var cells = table.OriginCells(r).Select(c => (c.RowSpan > 1 || c.ColSpan > 1 ? $"{{{c.RowSpan}x{c.ColSpan}}}" : "") + $"{c.Column}:{c.Text}");
                        Console.WriteLine($"  {r,3}| {string.Join(" | ", cells)}");
                    }
                    break;
            }
        }
        return 0;
    }
}
