namespace Robotmk.Tests.Security;

/// <summary>The ACL of the folders the runner creates on Windows.</summary>
public class WindowsFolderAclTests
{
    [Test]
    public void Only_system_administrators_and_the_runners_account_get_access_and_the_parent_acl_is_not_inherited() =>
        Assert.That(Robotmk.State.OwnerOnly.WindowsFolderSddl("S-1-5-21-1-2-3-1001"),
            Is.EqualTo("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;S-1-5-21-1-2-3-1001)"));

    [Test]
    public void Running_as_system_adds_no_third_entry() =>
        Assert.That(Robotmk.State.OwnerOnly.WindowsFolderSddl("S-1-5-18"), Is.EqualTo("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"));
}
