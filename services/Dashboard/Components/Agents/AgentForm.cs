using System.ComponentModel.DataAnnotations;
using Platform.Sdk.Client.Agents;

namespace Platform.Dashboard.Components.Agents;

public sealed class AgentForm
{
    [Required(ErrorMessage = "Name the agent"), RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$",
        ErrorMessage = "The agent id is 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")]
    public string? AgentId { get; set; }

    [Required(ErrorMessage = "Choose the key the agent acts for")]
    public Guid? KeyId { get; set; }

    public HashSet<string> Scopes { get; set; } = [];

    [StringLength(2000)]
    public string? Tools { get; set; }

    [Range(1, 1440, ErrorMessage = "The lifetime is 1 to 1,440 minutes")]
    public int LifetimeMinutes { get; set; } = 60;

    [Range(1, 1_000_000_000, ErrorMessage = "The budget is at least 1")]
    public long? RequestBudget { get; set; }

    public MintCredentialRequest ToRequest()
    {
        var tools = (Tools ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(AgentId!.Trim(), Scopes.Count == 0 ? null : [.. Scopes.Order(StringComparer.Ordinal)], tools.Length == 0 ? null : tools,
            null, LifetimeMinutes * 60, RequestBudget, KeyId);
    }
}
