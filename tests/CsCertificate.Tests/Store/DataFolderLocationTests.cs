// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.IO;
using CsCertificate.Store;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>Where $env:CSCERTIFICATE_HOME puts the data folder.</summary>
public sealed class DataFolderLocationTests
{
    private static readonly string s_location = Path.Combine(Path.GetTempPath(), "location");

    [Fact]
    public void TakesARelativeHomeFromTheCurrentFolderNotTheProcess()
    {
        var variables = new Dictionary<string, string> { [StoreLocation.HomeVariable] = Path.Combine("data", "cs") };

        Assert.Equal(Path.Combine(s_location, "data", "cs"), StoreLocation.Resolve(n => variables.GetValueOrDefault(n), s_location));
    }

    [Fact]
    public void KeepsAnAbsoluteHome()
    {
        string home = Path.Combine(Path.GetTempPath(), "elsewhere");
        var variables = new Dictionary<string, string> { [StoreLocation.HomeVariable] = home };

        Assert.Equal(home, StoreLocation.Resolve(n => variables.GetValueOrDefault(n), s_location));
    }
}
