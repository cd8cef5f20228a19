using Platform.EmbeddedPostgres;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// PostgreSQL run from the machine's binaries (no container): the cluster lives in a data folder of
/// ours and the server is an executable DCP supervises. Its connection string names the superuser.
/// </summary>
public sealed class EmbeddedPostgresResource(string name, PostgresCluster cluster, ParameterResource password)
    : ExecutableResource(name, cluster.ServerCommand().FileName, cluster.BinDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    private EndpointReference? _endpoint;

    public PostgresCluster Cluster => cluster;

    public ParameterResource Password => password;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={PostgresCluster.Superuser};Password={Password}");
}

/// <summary>A database on an <see cref="EmbeddedPostgresResource"/>, created when the server is first ready.</summary>
public sealed class EmbeddedPostgresDatabaseResource(string name, string databaseName, EmbeddedPostgresResource parent)
    : Resource(name), IResourceWithParent<EmbeddedPostgresResource>, IResourceWithConnectionString
{
    public EmbeddedPostgresResource Parent => parent;

    public string DatabaseName => databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
