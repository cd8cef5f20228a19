using System.Net;
using Platform.Sdk.Client.Audit;
using Platform.Sdk.Client.Clients;
using Platform.Sdk.Client.Keys;
using Platform.Sdk.Client.Users;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

public sealed class ClientsAndAuditTests(PlatformFixture platform) : SdkContext(platform)
{
    [Fact]
    public async Task an_oauth_client_is_registered_listed_rotated_and_disabled()
    {
        var registered = await Client.Clients.RegisterAsync(new RegisterClientRequest("nightly-export", Scopes: ["usage:read"], GrantTypes: ["client_credentials"]), Ct);
        await Client.Clients.RegisterAsync(new RegisterClientRequest("second", Scopes: ["usage:read"], GrantTypes: ["client_credentials"]), Ct);

        SecretFormat.IsWellFormed(registered.ClientSecret, SecretFormat.ClientSecretPrefix).ShouldBeTrue();
        registered.ToString().ShouldNotContain(registered.ClientSecret!);
        var all = new List<ClientView>();
        await foreach (var c in Client.Clients.ListAllAsync(pageSize: 1, ct: Ct)) all.Add(c);
        all.Select(c => c.Name).ShouldBe(["second", "nightly-export"]);
        (await Client.Clients.ListAsync(search: "NIGHTLY", ct: Ct)).Items.ShouldHaveSingleItem().Name.ShouldBe("nightly-export");

        var rotated = await Client.Clients.RotateSecretAsync(registered.ClientId, TimeSpan.FromMinutes(5), Ct);
        rotated.ClientSecret.ShouldNotBe(registered.ClientSecret);
        rotated.PreviousSecretValidUntil.ShouldNotBeNull();

        (await Client.Clients.DisableAsync(registered.ClientId, "retired", Ct)).Status.ShouldBe("disabled");
        (await Client.Clients.GetAsync(registered.ClientId, Ct)).Status.ShouldBe("disabled");
        var refused = await Should.ThrowAsync<PlatformConflictException>(() => Client.Clients.RotateSecretAsync(registered.ClientId, ct: Ct));
        refused.ApiMessage.ShouldBe("the client is disabled");
    }

    [Fact]
    public async Task a_person_is_added_and_listed_and_a_short_password_is_refused()
    {
        var email = $"ada-{Guid.NewGuid():N}@example.com";
        var request = new CreateUserRequest(email, "a long enough password", ["models:read"]);

        var created = await Client.Users.CreateAsync(request, Ct);

        request.ToString().ShouldNotContain("a long enough password");
        created.Email.ShouldBe(email);
        (await Client.Users.ListAsync(Ct)).ShouldContain(u => u.UserId == created.UserId && u.Scopes.SequenceEqual(new[] { "models:read" }));
        var refused = await Should.ThrowAsync<PlatformApiException>(() => Client.Users.CreateAsync(new CreateUserRequest($"b-{email}", "short"), Ct));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_keys_life_is_in_the_audit_log_paged_replayed_verified_and_exported()
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("audited", Scopes: ["models:read"]), Ct);
        await Client.Keys.RenameAsync(key.Id, "audited-renamed", ct: Ct);
        var beforeRevocation = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        await Client.Keys.RevokeAsync(key.Id, "done", ct: Ct);

        var query = new AuditQuery(Subject: key.Id, Ascending: true, PageSize: 1);
        var entries = new List<AuditEntry>();
        await Eventually.TrueAsync(async () =>
        {
            entries.Clear();
            await foreach (var e in Client.Audit.AllEventsAsync(query, Ct)) entries.Add(e);
            return entries.Count == 3;
        });
        // In recording order, which need not be the order the events occurred in: Keys' messages may arrive out of order.
        entries.Select(e => e.EventType).ShouldBe(["KeyIssued", "KeyRenamed", "KeyRevoked"], ignoreOrder: true);
        entries.Select(e => e.Sequence).ShouldBeInOrder();
        (await Client.Audit.EventsAsync(query, ct: Ct)).NextCursor.ShouldNotBeNull();

        var then = await Client.Audit.AsOfAsync(key.Id, beforeRevocation, Ct);
        then.Key!.Status.ShouldBe("active");
        then.Key.Name.ShouldBe("audited-renamed");
        (await Client.Audit.AsOfAsync(key.Id, DateTimeOffset.UtcNow, Ct)).Key!.Status.ShouldBe("revoked");

        var verification = await Client.Audit.VerifyAsync(key.Id, Ct);
        verification.Intact.ShouldBeTrue();
        verification.Entries.ShouldBe(3);

        var exported = new List<ExportedEntry>();
        await foreach (var line in Client.Audit.ExportAsync(key.Id, Ct)) exported.Add(line);
        exported.Select(e => e.EventId).ShouldBe(entries.Select(e => e.Id));
        exported[1].PreviousHash.ShouldBe(exported[0].Hash);
        exported[2].PreviousHash.ShouldBe(exported[1].Hash);
        exported.Select(e => e.Format).Distinct().ShouldHaveSingleItem().ShouldBe("audit-v2");
        exported.Select(e => e.SourceVersion).Order().ShouldBe([1L, 2L, 3L]);

        var report = await Client.Audit.ReportAsync(key.Id, beforeRevocation, Ct);
        report.Key!.Status.ShouldBe("active");
        report.Changes.Select(c => c.EventType).ShouldBe(["KeyIssued", "KeyRenamed", "KeyRevoked"]);
        report.UseAfterRevocation.ShouldNotBeNull().Used.ShouldBeFalse();
        report.Verification.Intact.ShouldBeTrue();
        (await Client.Audit.ReportAsync(key.Id, ct: Ct)).Key!.Status.ShouldBe("revoked");
    }

    [Fact]
    public async Task an_unknown_audit_subject_is_a_not_found_exception()
    {
        var error = await Should.ThrowAsync<PlatformApiException>(() => Client.Audit.AsOfAsync(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.ApiMessage.ShouldStartWith("no audited subject");
    }

    [Fact]
    public async Task quarantine_is_switched_on_and_read_back()
    {
        (await Client.Audit.GetQuarantineAsync(Ct)).Enabled.ShouldBeFalse();

        (await Client.Audit.SetQuarantineAsync(true, Ct)).Enabled.ShouldBeTrue();

        (await Client.Audit.GetQuarantineAsync(Ct)).Enabled.ShouldBeTrue();
    }

    [Fact]
    public async Task a_webhook_is_created_listed_tested_and_its_deliveries_read()
    {
        // Nothing listens on the discard port: the test delivery fails, and its attempt is recorded.
        var created = await Client.Webhooks.CreateAsync(new CreateWebhookRequest("http://127.0.0.1:9/hooks", ["*"]), Ct);

        created.Secret.ShouldNotBeNullOrWhiteSpace();
        created.ToString().ShouldNotContain(created.Secret);
        (await Client.Webhooks.ListAsync(Ct)).Select(w => w.Id).ShouldBe([created.Id]);
        var queued = await Client.Webhooks.TestAsync(created.Id, Ct);
        DeliveryList? deliveries = null;
        await Eventually.TrueAsync(async () => (deliveries = await Client.Webhooks.DeliveriesAsync(created.Id, Ct)).Deliveries.Count > 0, 30);
        var delivery = deliveries!.Deliveries.ShouldHaveSingleItem();
        delivery.DeliveryId.ShouldBe(queued.DeliveryId);
        delivery.Outcome.ShouldNotBe("delivered");
        delivery.Attempts[0].DeliveryId.ShouldBe(queued.DeliveryId);
    }

    [Fact]
    public async Task a_webhook_is_disabled_enabled_rotated_resent_and_deleted()
    {
        var created = await Client.Webhooks.CreateAsync(new CreateWebhookRequest("http://127.0.0.1:9/hooks", ["*"]), Ct);
        var queued = await Client.Webhooks.TestAsync(created.Id, Ct);
        await Eventually.TrueAsync(async () => (await Client.Webhooks.DeliveriesAsync(created.Id, Ct)).Deliveries.Count > 0, 30);

        var disabled = await Client.Webhooks.DisableAsync(created.Id, Ct);
        disabled.Enabled.ShouldBeFalse();
        disabled.DisabledAt.ShouldNotBeNull();
        var refused = await Should.ThrowAsync<PlatformConflictException>(() => Client.Webhooks.RetryDeliveryAsync(created.Id, queued.DeliveryId, Ct));
        refused.ApiMessage.ShouldContain("disabled");
        (await Client.Webhooks.EnableAsync(created.Id, Ct)).Enabled.ShouldBeTrue();
        (await Client.Webhooks.RetryDeliveryAsync(created.Id, queued.DeliveryId, Ct)).DeliveryId.ShouldBe(queued.DeliveryId);

        var rotated = await Client.Webhooks.RotateSecretAsync(created.Id, TimeSpan.FromMinutes(5), Ct);
        rotated.Secret.ShouldNotBe(created.Secret);
        rotated.ToString().ShouldNotContain(rotated.Secret);
        (rotated.PreviousSecretValidUntil - rotated.RotatedAt).ShouldBe(TimeSpan.FromMinutes(5));
        (await Client.Webhooks.ListAsync(Ct)).ShouldHaveSingleItem().SecretRotatedAt.ShouldBe(rotated.RotatedAt);

        await Client.Webhooks.DeleteAsync(created.Id, Ct);
        (await Client.Webhooks.ListAsync(Ct)).ShouldBeEmpty();
        (await Should.ThrowAsync<PlatformApiException>(() => Client.Webhooks.DeleteAsync(created.Id, Ct))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_webhook_with_an_unknown_event_type_is_a_bad_request()
    {
        var error = await Should.ThrowAsync<PlatformApiException>(() => Client.Webhooks.CreateAsync(new CreateWebhookRequest("http://127.0.0.1:9/hooks", ["NoSuchEvent"]), Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.ApiMessage.ShouldStartWith("eventTypes must list");
    }
}
