// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Store;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>
/// The Windows rules for the data folder, on the SDDL text that Windows returns: who may own it, and which access
/// lists are closed. The advapi32 calls themselves run only in the Windows CI job (DataFolder.Tests.ps1).
/// </summary>
public sealed class WindowsAccessRulesTests
{
    private const string CurrentUser = "S-1-5-21-1004336348-1177238915-682003330-1001";

    [Theory]
    [InlineData(WindowsAccessRules.AdministratorsSid, "Trusted")]
    [InlineData(WindowsAccessRules.SystemSid, "Trusted")]
    [InlineData(CurrentUser, "CurrentUser")]
    [InlineData("S-1-5-21-1004336348-1177238915-682003330-1002", "Other")]
    [InlineData("S-1-5-32-545", "Other")] // BUILTIN\Users
    [InlineData("S-1-1-0", "Other")] // Everyone
    public void TrustsAdministratorsAndSystemAsOwners(string owner, string expected)
    {
        Assert.Equal(expected, WindowsAccessRules.ClassifyOwner(owner, CurrentUser).ToString());
    }

    [Theory]
    [InlineData("D:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)", true, false)] // what the module sets
    [InlineData("D:PAI(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)", true, false)] // the same, as Windows reads it back
    [InlineData("D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(D;OICI;FA;;;S-1-5-21-1004336348-1177238915-682003330-1002)", true, false)] // order and deny entries do not matter
    [InlineData("D:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)", false, false)] // a folder inside the data folder, inheriting
    [InlineData("D:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)", true, true)] // the data folder itself must not inherit
    [InlineData("D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)", true, true)] // %ProgramData%'s users
    [InlineData("D:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;FA;;;S-1-5-21-1004336348-1177238915-682003330-1002)", true, true)] // a standard user added
    [InlineData("D:P(A;OICI;FA;;;BA)(A;OICIIO;FA;;;CO)", true, true)] // CREATOR OWNER
    [InlineData("D:P(A;OICI;FA;;;BA)(A;;FR;;;WD)", true, true)] // Everyone may read
    [InlineData("D:P(OA;;FA;00000000-0000-0000-0000-000000000000;;AU)", true, true)] // an object entry
    [InlineData("D:NO_ACCESS_CONTROL", true, true)] // a null access list
    [InlineData("", true, true)] // no access list at all
    [InlineData("D:P(A;OICI;FA;;;BA", true, true)] // not understood
    [InlineData("D:P(A;OICI;FA)", true, true)]
    [InlineData("D:P", true, false)] // empty: nobody at all
    public void CallsOpenWhatAdmitsAnyoneButAdministratorsAndSystem(string dacl, bool dataFolder, bool open)
    {
        Assert.Equal(open, WindowsAccessRules.IsOpen(dacl, mustBeProtected: dataFolder));
    }

    [Fact]
    public void TheAccessListTheModuleSetsIsClosed()
    {
        string folder = CsCertificate.Common.WindowsAcl.AdministratorsAndSystem;
        Assert.False(WindowsAccessRules.IsOpen(folder.Substring(folder.IndexOf("D:", System.StringComparison.Ordinal)), mustBeProtected: true));
        Assert.False(WindowsAccessRules.IsOpen(CsCertificate.Common.WindowsAcl.AdministratorsAndSystemFile, mustBeProtected: true));
    }
}
