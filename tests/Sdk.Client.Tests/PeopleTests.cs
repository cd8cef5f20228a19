using System.Net;
using Platform.Sdk.Client.Users;

namespace Platform.Sdk.Client.Tests;

/// <summary>The people of an account through the SDK: what an admin does to them, and what a signed-in person does for themself.</summary>
public sealed class PeopleTests(PlatformFixture platform) : SdkContext(platform)
{
    private const string FirstPassword = "a long first password";

    private async Task<(UserView Person, PlatformClient AsPerson)> SignedInPersonAsync(SignInFlow flow)
    {
        var person = await Client.Users.CreateAsync(new CreateUserRequest($"p-{Guid.NewGuid():N}@example.com", FirstPassword, ["admin"]), Ct);
        return (person, SignInFlow.As(await flow.SignInAsync(person.Email, FirstPassword, Ct), Router));
    }

    [Fact]
    public async Task a_signed_in_person_reads_themself_ends_another_sign_in_and_changes_their_password()
    {
        var flow = new SignInFlow(Client, Router);
        await flow.RegisterAsync(Ct);
        var (person, here) = await SignedInPersonAsync(flow);
        await flow.SignInAsync(person.Email, FirstPassword, Ct);

        var me = await here.Users.GetCurrentAsync(Ct);
        var sessions = await here.Users.ListOwnSessionsAsync(Ct);
        await here.Users.EndOwnSessionAsync(sessions.Single(s => !s.Current).Id, Ct);
        var wrong = await Should.ThrowAsync<PlatformApiException>(() => here.Users.ChangeOwnPasswordAsync(new ChangePasswordRequest("not the password", "a brand new password"), Ct));
        await here.Users.ChangeOwnPasswordAsync(new ChangePasswordRequest(FirstPassword, "a brand new password"), Ct);

        (me.UserId, me.Email, me.MustChangePassword).ShouldBe((person.UserId, person.Email, false));
        sessions.Count.ShouldBe(2);
        sessions.ShouldAllBe(s => s.ClientName == "sdk-console" && s.ExpiresAt > s.LastActiveAt);
        (await here.Users.ListOwnSessionsAsync(Ct)).ShouldHaveSingleItem().Current.ShouldBeTrue();
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        new ChangePasswordRequest(FirstPassword, "a brand new password").ToString().ShouldSatisfyAllConditions(
            text => text.ShouldNotContain(FirstPassword), text => text.ShouldNotContain("a brand new password"));
        await flow.SignInAsync(person.Email, "a brand new password", Ct);
        (await Should.ThrowAsync<PlatformApiException>(() => Client.Users.GetCurrentAsync(Ct))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an API key is no person");
    }

    [Fact]
    public async Task an_admin_requires_a_password_change_and_removes_a_person_but_never_themself()
    {
        var flow = new SignInFlow(Client, Router);
        await flow.RegisterAsync(Ct);
        var (admin, asAdmin) = await SignedInPersonAsync(flow);
        var person = await Client.Users.CreateAsync(new CreateUserRequest($"r-{Guid.NewGuid():N}@example.com", FirstPassword), Ct);

        var required = await asAdmin.Users.RequirePasswordChangeAsync(person.UserId, Ct);
        await asAdmin.Users.RemoveAsync(person.UserId, Ct);
        var gone = await Should.ThrowAsync<PlatformApiException>(() => asAdmin.Users.RemoveAsync(person.UserId, Ct));
        var self = await Should.ThrowAsync<PlatformConflictException>(() => asAdmin.Users.RemoveAsync(admin.UserId, Ct));

        required.MustChangePassword.ShouldBeTrue();
        (await Client.Users.ListAsync(Ct)).Select(u => u.UserId).ShouldBe([admin.UserId]);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        self.ApiMessage.ShouldContain("cannot remove yourself");
    }
}
