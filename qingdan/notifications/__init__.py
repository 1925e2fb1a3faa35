"""Notifications (消息): what a person is told (a decision on their order, a task reaching their
village), listed on their page and marked read; sent by actions after their transaction commits.
"""
