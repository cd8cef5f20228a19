using Platform.Sdk.ResourceServer;

namespace Platform.Samples.SampleApi;

/// <summary>The SIMCEL routes of the seed: a P&amp;L summary and the plans list. Canned answers, real protection.</summary>
public static class AnalyticsApi
{
    public static void MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/insights/v1/pnl-summary", (string? planId) =>
            planId is { Length: > 100 } ? ChatApi.BadRequest("planId is too long")
            : Results.Ok(new
            {
                planId = planId ?? "plan-2026",
                currency = "EUR",
                revenue = 1_250_000m,
                costOfGoods = 710_000m,
                grossMargin = 540_000m,
                operatingExpenses = 320_000m,
                netIncome = 220_000m,
            })).RequireScope("insights:read");
        app.MapGet("/api/plans/v1/plans", () => Results.Ok(new
        {
            items = new[]
            {
                new { id = "plan-2026", name = "Budget 2026", status = "active" },
                new { id = "plan-2026-q1-reforecast", name = "Q1 reforecast", status = "draft" },
            },
        })).RequireScope("plans:read");
    }
}
