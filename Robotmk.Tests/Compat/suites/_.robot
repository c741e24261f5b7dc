*** Settings ***
Documentation    A file named _.robot run on its own: Robot Framework gives its suite no name at all.

*** Test Cases ***
In A Nameless Top Suite
    Log    the suite element has no name attribute
