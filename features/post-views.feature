Feature: Channel post views
  Each channel post counts how many people saw it, each person once however often their client says so.
  The channel's owners and admins see the counts; subscribers do not.

  Background:
    Given the users Olga, Adam, Mia and Max
    And Olga created the channel "News" with subscribers Adam, Mia and Max
    And Olga has sent "Big announcement" to "News"
    And Olga has sent "Small print" to "News"

  Scenario: Each subscriber counts once per post
    When Mia saw "Big announcement" and "Small print"
    And Mia saw "Big announcement"
    And Max saw "Big announcement"
    Then Olga sees 2 views of "Big announcement" and 1 view of "Small print"

  Scenario: Many reports of one view at once count once
    When Mia saw "Big announcement" 5 times at once
    Then Olga sees 1 view of "Big announcement" and 0 views of "Small print"

  Scenario: Subscribers do not see the counts
    When Adam asks how many saw "Big announcement" in "News"
    Then it fails as "forbidden"

  Scenario: Views are kept for channels only
    Given Olga created the group "Team" with Adam
    And Olga has sent "hi team" to "Team"
    When Adam says he saw "hi team" in "Team"
    Then it fails as "a conflict" with code "views_channels_only"
