*** Settings ***
Suite Setup    Skip    the whole file is skipped in its suite setup

*** Test Cases ***
Never Started One
    Log    never

Never Started Two
    Log    never
