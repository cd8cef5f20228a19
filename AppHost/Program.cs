using Platform.AppHost;

// The whole platform on one machine: `dotnet run --project AppHost [--replicas N] [--fresh]`.
// On the first run it prints the development account's admin key and the dashboard user's sign-in, once.
// Shaped like an Aspire AppHost so a real one can replace Platform.Hosting without touching a service.
var builder = DistributedApplication.CreateBuilder(args);
var replicas = builder.Configuration.GetValue("replicas", 1);

// Embedded PostgreSQL, unless ConnectionStrings:platform points at a server of your own.
var postgres = builder.AddPostgres("postgres");
var platformDb = postgres.AddDatabase("platform");

// The services talk to each other through queues in the database, and over HTTP where an answer is
// needed at once (Tokens and Agents ask Keys to verify a key; Agents asks Tokens about an access token).
var adminKeyFile = DevelopmentAdminKey.HandOffFile();
var sampleApiKeyFile = Path.Combine(builder.StateDirectory, "sample-api.key");
var keys = builder.AddProject("keys-api", "services/Keys/Keys.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas)
    .WithEnvironment(DevelopmentAdminKey.Setting, adminKeyFile)
    .WithEnvironment("Keys__Bootstrap__ServiceKeyFile", sampleApiKeyFile);
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

// The seed's API behind the resource-server package. Its key for the revocation feeds is made by Keys
// on the first run (a file in the AppHost's state folder), or given as `SampleApi:ApiKey`.
var sampleApi = builder.AddProject("sample-api", "samples/SampleApi/SampleApi.csproj")
    .WithReference(keys).WithReference(tokens).WithReference(agents)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WithReplicas(replicas)
    .WithEnvironment("Platform__ApiKey", builder.Configuration["SampleApi:ApiKey"])
    .WithEnvironment("Platform__ApiKeyFile", sampleApiKeyFile)
    .WithEnvironment("SampleApi__BenchRoutes", builder.Configuration["SampleApi:BenchRoutes"]);

// The seed's tools as an MCP server (samples/McpServer), protected the same way; it reads the same
// feeds key file as the sample API (both only read it).
var mcpServer = builder.AddProject("mcp-server", "samples/McpServer/McpServer.csproj")
    .WithReference(keys).WithReference(tokens).WithReference(agents)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WithReplicas(replicas)
    .WithEnvironment("Platform__ApiKey", builder.Configuration["SampleApi:ApiKey"])
    .WithEnvironment("Platform__ApiKeyFile", sampleApiKeyFile);

// The web console: people sign in through Tokens (authorization code + PKCE) and manage everything else.
var dashboard = builder.AddProject("dashboard", "services/Dashboard/Dashboard.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas);

var gateway = builder.AddProject("gateway", "services/Gateway/Gateway.csproj")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 5080))
    .WithReference(keys).WithReference(tokens).WithReference(agents).WithReference(audit)
    .WithReference(sampleApi).WithReference(mcpServer).WithReference(dashboard)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WaitFor(audit).WaitFor(sampleApi).WaitFor(mcpServer).WaitFor(dashboard);

// Tokens names the public origin as its issuer, whichever address a client used (and in tests, whichever port).
tokens.WithEnvironment("Tokens__Issuer", gateway);
// The dashboard is served through the gateway; Tokens seeds it as a first-party client with this callback.
tokens.WithEnvironment("Tokens__Dashboard__RedirectUris__0", gateway, "/dashboard/signin-oauth");
// Keys and Audit check dashboard users' access tokens against Tokens' published keys.
keys.WithReference(tokens);
audit.WithReference(tokens);
// The sample API is a protected resource at the same origin (RFC 9728 metadata, named in its 401s);
// the MCP server is the resource {origin}/mcp. Tokens binds tokens to either (RFC 8707), and no other.
sampleApi.WithEnvironment("Platform__Resource", gateway);
mcpServer.WithEnvironment("Platform__Resource", gateway, "/mcp");
tokens.WithEnvironment("Tokens__Resources__0", gateway).WithEnvironment("Tokens__Resources__1", gateway, "/mcp");
// The console sends browsers to the gateway to sign in, and calls the APIs through it.
dashboard.WithEnvironment("Dashboard__PlatformUrl", gateway);

var app = builder.Build();
app.OnStarted.Add(DevelopmentAdminKey.AnnounceFrom(adminKeyFile));
app.Run();
