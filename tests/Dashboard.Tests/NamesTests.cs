using Platform.Dashboard.Api;

namespace Platform.Dashboard.Tests;

public class NamesTests
{
    [Fact]
    public void an_actor_that_cannot_be_named_is_its_kind_and_the_tail_of_its_id_keeping_the_whole_id()
    {
        var named = Names.Fallback("user:0193a5c2-7d4e-7000-8000-0000d0e5a1b2");

        (named.Name, named.Kind, named.Id, named.Resolved).ShouldBe(("user …d0e5a1b2", "user", "user:0193a5c2-7d4e-7000-8000-0000d0e5a1b2", false));
    }

    [Fact]
    public void an_actor_that_is_no_id_stays_as_recorded() =>
        Names.Fallback("system:login").Name.ShouldBe("system login");
}
