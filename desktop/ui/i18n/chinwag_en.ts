<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ModelManagerView</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Total: {size} in %n downloaded model(s)</source>
        <translation>
            <numerusform>Total: {size} in %n downloaded model</numerusform>
            <numerusform>Total: {size} in %n downloaded models</numerusform>
        </translation>
    </message>
</context>
</TS>
