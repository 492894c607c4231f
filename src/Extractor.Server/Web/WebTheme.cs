using System.Security.Claims;
using MudBlazor;

namespace Extractor.Server.Web;

public static class WebTheme
{
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"] },
        },
    };
}
