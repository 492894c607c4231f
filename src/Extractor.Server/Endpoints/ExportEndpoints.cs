using Extractor.Server.Contracts;
using Extractor.Server.Export;
using Extractor.Server.Security;
using Extractor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Extractor.Server.Endpoints;

public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/export").WithTags("Export").RequireAuthorization(Policies.Analyze);
        group.MapGet("/", Export)
            .WithSummary("One row per report, one column per field path, plus agency, year and status counts; format=csv|xlsx, headers=zh for Chinese headers; each report once (its report of record), copies=all for every stored copy");
        return group;
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<ErrorDto>>> Export(
        ExtractorDbContext db, int? year, string? agency, string? format, string? headers, string? copies, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            return TypedResults.BadRequest(new ErrorDto("format is csv or xlsx"));
        }
        var zh = string.Equals(headers, "zh", StringComparison.OrdinalIgnoreCase);
        var table = await ExportTable.BuildAsync(db, year, agency, zh, string.Equals(copies, "all", StringComparison.OrdinalIgnoreCase), cancellationToken);
        var name = $"extractor-export{(year is null ? "" : "-" + year)}";
        return kind == "csv"
            ? TypedResults.File(CsvExport.Write(table), "text/csv; charset=utf-8", name + ".csv")
            : TypedResults.File(await XlsxExport.WriteAsync(table, zh, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }
}
