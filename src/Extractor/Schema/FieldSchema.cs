namespace Extractor.Schema;

/// <summary>Which of the template's three tables a field belongs to.</summary>
public enum TemplateTable { Active, Applications, ReviewLitigation }

/// <summary>One of the 200 numeric fields of the national template (国办公开办函〔2021〕30号).</summary>
/// <param name="Path">The public name, as in fields.tsv. Never renamed.</param>
public sealed record FieldDef(string Path, TemplateTable Table, string RowKey, string ColumnKey, string RowLabel, string ColumnLabel, string Unit)
{
    public bool IsCount => Unit == "件";
}

/// <summary>A canonical row of 表三: its key, the label printed by the template, and its parent group.</summary>
public sealed record ApplicationRow(string Key, string Label, string Group, string? SubLabel)
{
    /// <summary>True for the 21 outcome rows whose sum is （七）总计.</summary>
    public bool IsOutcome => Group.StartsWith("三、", StringComparison.Ordinal) && Key != "resultsTotal";
}

public sealed record ApplicantColumn(string Key, string Label);

public sealed record ActiveRow(string GroupLabel, string RowLabel, string Key, IReadOnlyList<(string Key, string Label)> Columns);

public sealed record ReviewGroup(string Key, string Label);
