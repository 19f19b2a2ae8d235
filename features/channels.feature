Feature: Broadcast channels
  Owners and admins post; subscribers read and react. Subscribers never see who else reads.

  Background:
    Given the users Olga, Adam, Sam and Sue
    And Olga created the channel "News" with subscribers Adam, Sam and Sue
    And Olga made Adam an admin of "News"

  Scenario: Subscribers receive what the owner posts
    When Olga sends "Big news" to "News"
    Then Sam sees "Big news" in the history of "News"

  Scenario: An admin posts too
    When Adam sends "More news" to "News"
    Then it succeeds

  Scenario: Subscribers cannot post
    When Sam sends "Me too" to "News"
    Then it fails as "forbidden"

  Scenario: Subscribers react to posts
    Given Olga has sent "Big news" to "News"
    When Sam reacts to "Big news" with "🔥"
    Then it succeeds

  Scenario: Subscribers do not see the audience
    When Sam lists the members of "News"
    Then it fails as "forbidden"

  Scenario: Admins see how many read a post, never who
    Given Olga has sent "Big news" to "News"
    And Sam has read "Big news"
    And Sue has read "Big news"
    When Olga looks at the receipts of "Big news"
    Then 2 people have read it
    And no reader is named

  Scenario: A channel whose owner leaves without admins is closed
    Given Olga created the channel "Quiet" with subscribers Sam
    When Olga leaves "Quiet"
    Then Sam cannot open "Quiet"

  Scenario: Channels can be switched off
    Given a platform admin Ada
    And Ada turned the "channels" feature off
    When Olga creates the channel "Later" with subscribers Sam
    Then it fails as "feature disabled"
