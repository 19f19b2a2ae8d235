Feature: Adding many participants at once
  Whoever may add people (group members; channel owners and admins) adds up to 200 in one request. Each
  person gets a result of their own, as if added one by one, so one who cannot be added does not stop
  the others.

  Background:
    Given the users Olga, Adam, Mia and Max
    And Olga created the group "Team" with Adam

  Scenario: Each person gets a result, and the ones added are members
    When Olga adds Adam, Mia, Nobody and Max to "Team" at once
    Then it succeeds
    And the bulk results are "Adam failed already_member, Mia added, Nobody failed user_not_found, Max added"
    When Max sends "hello team" to "Team"
    Then it succeeds

  Scenario: Channel subscribers cannot add people at once either
    Given Olga created the channel "News" with subscribers Adam
    When Adam adds Mia and Max to "News" at once
    Then it fails as "forbidden"
