// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using Xunit;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A fact that is skipped, with the reason shown, when the shared topology fixtures are absent.</summary>
public sealed class SharedFixtureFactAttribute : FactAttribute
{
    public SharedFixtureFactAttribute()
    {
        if (SharedFixtures.Folder == null)
        {
            Skip = SharedFixtures.SkipReason;
        }
    }
}
