using Platform.AppHost;

// The whole platform on one machine: `dotnet run --project AppHost [--replicas N] [--fresh]`.
// On the first run it prints the development account's admin key, once.
// Shaped like an Aspire AppHost so a real one can replace Platform.Hosting without touching a service.
var builder = DistributedApplication.CreateBuilder(args);
var replicas = builder.Configuration.GetValue("replicas", 1);

// Embedded PostgreSQL, unless ConnectionStrings:platform points at a server of your own.
var postgres = builder.AddPostgres("postgres");
var platformDb = postgres.AddDatabase("platform");

// The services talk to each other through queues in the database, and over HTTP where an answer is
// needed at once (Tokens and Agents ask Keys to verify a key; Agents asks Tokens about an access token).
var adminKeyFile = DevelopmentAdminKey.HandOffFile();
var keys = builder.AddProject("keys-api", "services/Keys/Keys.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas)
    .WithEnvironment(DevelopmentAdminKey.Setting, adminKeyFile);
// Audit asks Keys to verify the API keys its callers present.
var audit = builder.AddProject("audit-api", "services/Audit/Audit.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas)
    .WithReference(keys);
var tokens = builder.AddProject("tokens-api", "services/Tokens/Tokens.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas)
    .WithReference(keys);
var agents = builder.AddProject("agents-api", "services/Agents/Agents.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas)
    .WithReference(keys).WithReference(tokens);

// The seed's API behind the resource-server package. Its own key can't exist before Keys runs, so it is
// configuration: `SampleApi:ApiKey` (a keys:manage key) turns its revocation feeds on; without one it
// verifies every key and agent token and refuses access tokens (docs/sdk.md). Tokens issued through
// the gateway carry the origin the client used as issuer, so both spellings of it are accepted.
var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 5080);
var sampleApi = builder.AddProject("sample-api", "samples/SampleApi/SampleApi.csproj")
    .WithReference(keys).WithReference(tokens).WithReference(agents)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WithReplicas(replicas)
    .WithEnvironment("Platform__ApiKey", builder.Configuration["SampleApi:ApiKey"])
    .WithEnvironment("Platform__Issuers__0", $"http://localhost:{gatewayPort}")
    .WithEnvironment("Platform__Issuers__1", $"http://127.0.0.1:{gatewayPort}");

builder.AddProject("gateway", "services/Gateway/Gateway.csproj")
    .WithHttpEndpoint(port: gatewayPort)
    .WithReference(keys).WithReference(tokens).WithReference(agents).WithReference(audit).WithReference(sampleApi)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WaitFor(audit).WaitFor(sampleApi);

var app = builder.Build();
app.OnStarted.Add(DevelopmentAdminKey.AnnounceFrom(adminKeyFile));
app.Run();
