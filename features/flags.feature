Feature: Feature flags
  Admins switch features on and off for everyone; the use cases consult the flags.

  Background:
    Given a platform admin Ada
    And the users Ann and Bob

  Scenario: Flags start at their defaults
    Then the feature flags read "reactions=on, channels=on, search=on, media.uploads=on, forwarding=on"

  Scenario: An admin turns a feature off and on again
    When Ada turns the "forwarding" feature off
    Then the feature flags read "reactions=on, channels=on, search=on, media.uploads=on, forwarding=off"
    When Ada turns the "forwarding" feature on
    Then the feature flags read "reactions=on, channels=on, search=on, media.uploads=on, forwarding=on"

  Scenario: Only admins change flags
    When Ann turns the "search" feature off
    Then it fails as "forbidden"

  Scenario: Unknown flags do not exist
    When Ada turns the "teleport" feature on
    Then it fails as "not found"

  Scenario: Uploads can be switched off
    Given Ada turned the "media.uploads" feature off
    When Ann asks to upload "cat.png" of type "image/png" and 100 bytes
    Then it fails as "feature disabled"
