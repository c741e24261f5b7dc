*** Settings ***
Documentation    Run with --exitonfailure: the first failure stops the tests after it.

*** Test Cases ***
Skipped First
    Skip    not on this host

First Failure
    Fail    first failure

Stopped One
    Log    never

Stopped Two
    Log    never
