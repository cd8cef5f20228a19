using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Tokens.Issuance;

/// <summary>Token issuance is counted (a metric per grant type), not recorded as an event per token.</summary>
public sealed class IssuanceMeter(IMeterFactory meters)
{
    private readonly Counter<long> _issued = meters.Create(PlatformTelemetry.Name).CreateCounter<long>("platform.tokens.issued", "{token}", "Access tokens issued, by grant type");

    public void Issued(string grantType) => _issued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType));
}
