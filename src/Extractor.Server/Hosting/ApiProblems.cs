using Extractor.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Extractor.Server.Hosting;

/// <summary>
/// Every error of the API as Problem Details (RFC 9457, <c>application/problem+json</c>): <c>type</c>, <c>title</c>
/// (Chinese), <c>status</c>, <c>detail</c>, and <c>error</c> (the same text as <c>detail</c>) kept for the scripts that
/// read the older <c>{"error": …}</c> body.
/// </summary>
public static class ApiProblems
{
    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求有误",
        StatusCodes.Status401Unauthorized => "未登录或密钥无效",
        StatusCodes.Status403Forbidden => "无权执行此操作",
        StatusCodes.Status404NotFound => "未找到",
        StatusCodes.Status409Conflict => "与当前状态冲突",
        StatusCodes.Status413PayloadTooLarge => "文件过大",
        StatusCodes.Status422UnprocessableEntity => "无法处理",
        StatusCodes.Status503ServiceUnavailable => "服务暂不可用",
        _ => status >= 500 ? "服务器内部错误" : "请求未完成",
    };

    public static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), extensions: new Dictionary<string, object?> { ["error"] = detail });

    /// <summary>Writes the problem directly (authentication handlers, which answer before any endpoint runs).</summary>
    public static Task WriteAsync(HttpContext http, int status, string detail) => Problem(status, detail).ExecuteAsync(http);

    /// <summary>Turns an endpoint's <see cref="ErrorDto"/> answer (404, 409, 400 …) into Problem Details, status kept.</summary>
    public sealed class ErrorsAsProblems : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            return inner is IValueHttpResult { Value: ErrorDto error } && inner is IStatusCodeHttpResult { StatusCode: >= 400 and var status }
                ? Problem(status, error.Error)
                : result;
        }
    }
}
